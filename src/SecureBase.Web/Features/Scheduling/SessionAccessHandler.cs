using Microsoft.AspNetCore.Authorization;
using SecureBase.Core.Sharing;

namespace SecureBase.Web.Features.Authorization;

// Keeping a session or the booking settings it comes from (its therapist), or taking part in it (its
// therapist or client). The resource is the session's parties; Core SessionAccess decides.
public sealed class SessionOperation(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    public static readonly SessionOperation Keep = new(nameof(Keep));
    public static readonly SessionOperation TakePart = new(nameof(TakePart));
}

public sealed class SessionAccessHandler(Viewers viewers, IHttpContextAccessor http) : AuthorizationHandler<SessionOperation, SessionParties>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SessionOperation requirement, SessionParties resource)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        var viewer = await viewers.CurrentAsync(context.User, http.HttpContext?.RequestAborted ?? CancellationToken.None);
        var role = SessionAccess.RoleIn(viewer, resource);
        if (role == SessionRole.Therapist || (role == SessionRole.Client && requirement == SessionOperation.TakePart)) context.Succeed(requirement);
    }
}
