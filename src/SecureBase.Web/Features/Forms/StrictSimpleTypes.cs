using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecureBase.Web.Features.Forms;

// Whole numbers and choices are read exactly as the forms write them. MVC's own converters also take
// hexadecimal ("0x10" became 16) and comma-joined enum names ("Toward,Away" became Away), values no
// form offers; here a number is optional sign and digits, and a choice is one of its names.
public sealed class StrictSimpleTypes : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(int) || type.IsEnum ? new Binder(type) : null;
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
            else context.ModelState.TryAddModelError(context.ModelName,
                messages.AttemptedValueIsInvalidAccessor(text, context.ModelMetadata.Name ?? context.ModelName));
            return Task.CompletedTask;
        }

        object? Parse(string text)
        {
            if (type == typeof(int))
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
            var name = Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            return name is null ? null : Enum.Parse(type, name);
        }
    }
}
