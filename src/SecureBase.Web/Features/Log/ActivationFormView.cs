using SecureBase.Core.ActivationLog;

namespace SecureBase.Web.Features.Log;

// What the log form draws. WhenShown is the "When" the page first showed; it travels back with the
// form so an untouched field can be told from a changed one (ActivationInput.Validate).
public sealed record ActivationFormView(ActivationInput Input, Relationship DefaultRelationship, string? When, bool ShowDetails, string? WhenShown = null)
{
    public string? WhenShownOrWhen => WhenShown ?? When;
}
