using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace SecureBase.Web.Features.Forms;

public static class FormConventions
{
    // Model binding's defaults ("The value 'x' is invalid.") do not say what to do; these do. A bound
    // input binds only under its own name and is always validated (ValidateBoundInputs), and a request
    // no handler accepts gets a 405, not a half-rendered page.
    public static IMvcBuilder AddFormConventions(this IMvcBuilder mvc) => mvc
        .AddRazorPagesOptions(options => options.Conventions.Add(new BindOnlyUnderOwnName()))
        .AddMvcOptions(options =>
        {
            options.ModelBinderProviders.Insert(0, new StrictSimpleTypes());
            options.Filters.Add<NoHandlerFilter>();
            options.Filters.Add<ValidateBoundInputs>();
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{Shorten(value)}' is not one of the choices for {Words(field)}.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{Shorten(value)}' is not one of the choices.");
            messages.SetValueMustBeANumberAccessor(field => $"{Words(field)} must be a whole number.");
            messages.SetValueIsInvalidAccessor(value => $"'{Shorten(value)}' is not one of the choices.");
        });

    static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

    // "ExpectedCarePercent" → "expected care percent": the field as a person would name it.
    internal static string Words(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
}

// Without a name of its own, a [BindProperty] input falls back to binding unprefixed fields
// ("Plan=…" instead of "Before.Plan=…"), and the validation errors then land under keys the page does
// not look at: a 3,000,000-character plan was stored that way. Naming every bound property after
// itself turns the fallback off, so only "Before.Plan" can ever fill Before.Plan.
public sealed class BindOnlyUnderOwnName : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        foreach (var property in model.HandlerProperties)
            if (property.BindingInfo is { BinderModelName: null } info) info.BinderModelName = property.PropertyName;
    }
}
