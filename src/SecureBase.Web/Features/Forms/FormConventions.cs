namespace SecureBase.Web.Features.Forms;

public static class FormConventions
{
    // Model binding's defaults ("The value 'x' is invalid.") do not say what to do; these do. And a
    // request no handler accepts gets a 405, not a half-rendered page.
    public static IMvcBuilder AddFormConventions(this IMvcBuilder mvc) => mvc.AddMvcOptions(options =>
    {
        options.Filters.Add<NoHandlerFilter>();
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{Shorten(value)}' is not one of the choices for {field}.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"'{Shorten(value)}' is not one of the choices.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} must be a whole number.");
        messages.SetValueIsInvalidAccessor(value => $"'{Shorten(value)}' is not one of the choices.");
    });

    static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
