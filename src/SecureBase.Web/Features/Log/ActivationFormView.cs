using SecureBase.Core.ActivationLog;

namespace SecureBase.Web.Features.Log;

public sealed record ActivationFormView(ActivationInput Input, Relationship DefaultRelationship, string? When, bool ShowDetails);
