using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecureBase.Web.Features.Forms;

// Whole numbers and choices are read exactly as the forms write them. MVC's own converters also take
// hexadecimal ("0x10" became 16) and comma-joined enum names ("Toward,Away" became Away), values no
// form offers; here a number is optional sign and digits, and a choice is one of its names.
// A yes/no is "true" or "false" (what a checkbox and its hidden field send). One that is neither is an error
// whose raw value is not kept: a checkbox drawn again from it ("[]") made MVC's converter throw, a 500.
public sealed class StrictSimpleTypes : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(int) || type == typeof(long) || type == typeof(bool) || type.IsEnum || type == typeof(DateOnly) || type == typeof(TimeOnly) ? new Binder(type) : null;
    }

    sealed class Binder(Type type) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var values = context.ValueProvider.GetValue(context.ModelName);
            if (values == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(context.ModelName, values);
            var text = values.FirstValue?.Trim();
            var messages = context.ModelMetadata.ModelBindingMessageProvider;
            if (string.IsNullOrEmpty(text))
            {
                if (context.ModelMetadata.IsReferenceOrNullableType) context.Result = ModelBindingResult.Success(null);
                else context.ModelState.TryAddModelError(context.ModelName, messages.ValueMustNotBeNullAccessor(values.FirstValue ?? ""));
                return Task.CompletedTask;
            }
            if (Parse(text) is { } value) context.Result = ModelBindingResult.Success(value);
            else if (type == typeof(bool))
            {
                context.ModelState.SetModelValue(context.ModelName, rawValue: null, attemptedValue: text);
                context.ModelState.TryAddModelError(context.ModelName, messages.AttemptedValueIsInvalidAccessor(Shorten(text), context.ModelMetadata.Name ?? context.ModelName));
            }
            else if (type == typeof(int) || type == typeof(long))
                context.ModelState.TryAddModelError(context.ModelName, $"'{Shorten(text)}' is not a whole number in range for {FormConventions.Words(context.ModelMetadata.Name ?? context.ModelName)}.");
            else if (type == typeof(DateOnly)) context.ModelState.TryAddModelError(context.ModelName, $"'{Shorten(text)}' is not a date: enter it as year-month-day, like 2026-11-30.");
            else if (type == typeof(TimeOnly)) context.ModelState.TryAddModelError(context.ModelName, $"'{Shorten(text)}' is not a time: enter it as hours:minutes, like 09:30.");
            else context.ModelState.TryAddModelError(context.ModelName,
                messages.AttemptedValueIsInvalidAccessor(text, context.ModelMetadata.Name ?? context.ModelName));
            return Task.CompletedTask;
        }

        static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

        object? Parse(string text)
        {
            if (type == typeof(bool))
                return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;
            if (type == typeof(int))
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
            if (type == typeof(long))
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? big : null;
            // What <input type="date"> and <input type="time"> send, whatever the server's culture: "25/11/2026"
            // read as a day in one culture and failed or meant another day in the next.
            if (type == typeof(DateOnly))
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            if (type == typeof(TimeOnly))
                return TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
            var name = Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            return name is null ? null : Enum.Parse(type, name);
        }
    }
}
