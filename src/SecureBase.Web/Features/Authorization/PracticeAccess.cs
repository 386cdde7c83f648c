using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SecureBase.Core.Sharing;

namespace SecureBase.Web.Features.Authorization;

// Running a practice or taking clients in it; the resource is the practice's id.
public sealed class PracticeOperation(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    public static readonly PracticeOperation Manage = new(nameof(Manage));
    public static readonly PracticeOperation TakeClients = new(nameof(TakeClients));
}

public sealed record PracticeResource(Guid PracticeId);

public sealed class PracticeAccessHandler(Viewers viewers, IHttpContextAccessor http) : AuthorizationHandler<PracticeOperation, PracticeResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PracticeOperation requirement, PracticeResource resource)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        var viewer = await viewers.CurrentAsync(context.User, http.HttpContext?.RequestAborted ?? CancellationToken.None);
        var allowed = requirement == PracticeOperation.Manage ? Access.MayManagePractice(viewer, resource.PracticeId) : Access.MayTakeClients(viewer, resource.PracticeId);
        if (allowed) context.Succeed(requirement);
    }
}

public static class PracticeAccessExtensions
{
    // The practices in which this person may do the operation, first the one they own.
    public static async Task<IReadOnlyList<Guid>> PracticesWhereAsync(this IAuthorizationService authorization, Viewers viewers, ClaimsPrincipal user, PracticeOperation operation, CancellationToken ct)
    {
        var viewer = await viewers.CurrentAsync(user, ct);
        var allowed = new List<Guid>();
        foreach (var membership in viewer.Memberships.OrderBy(m => m.Role))
            if ((await authorization.AuthorizeAsync(user, new PracticeResource(membership.PracticeId), operation)).Succeeded)
                allowed.Add(membership.PracticeId);
        return allowed;
    }
}
