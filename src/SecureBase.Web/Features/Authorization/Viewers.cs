using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Web.Features.Accounts;

namespace SecureBase.Web.Features.Authorization;

// The person asking, read from the database on every request (scoped, so once per request at most):
// whether this browser's session passed a second factor, and their practice memberships. Nothing is
// cached across requests, so a deactivation holds from the next request on.
public sealed class Viewers(AppDbContext db)
{
    private Viewer? _current;

    public async Task<Viewer> CurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_current is not null) return _current;
        var userId = user.Id();
        var sessionId = user.FindFirstValue(Accounts.Sessions.SessionClaim);
        var mfa = sessionId is not null && await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.SecondFactorAt != null, ct);
        var memberships = await db.PracticeMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new Membership(m.PracticeId, m.Role, m.DeactivatedAt == null)).ToListAsync(ct);
        return _current = new Viewer(userId, mfa, memberships);
    }

    // Where this browser must go before anything else, or null: someone enrolled enters a code
    // (SecondFactorGate.VerifyPath), an owner or therapist without an authenticator sets one up
    // (EnrolPath). Asked by the gate and the layout on every page, so answered once per request.
    public async Task<string?> SecondStepAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_secondStepKnown) return _secondStep;
        var viewer = await CurrentAsync(user, ct);
        if (!viewer.MfaSatisfied)
        {
            var enrolled = await db.AuthenticatorKeys.AnyAsync(k => k.UserId == viewer.UserId && k.ConfirmedAt != null, ct);
            _secondStep = enrolled ? SecondFactorGate.VerifyPath : viewer.Memberships.Any(m => m.Active) ? SecondFactorGate.EnrolPath : null;
        }
        _secondStepKnown = true;
        return _secondStep;
    }

    private string? _secondStep;
    private bool _secondStepKnown;

    // The role written in audit rows: their role in the practice that matters, else "client".
    public static string RoleOf(Viewer viewer, Guid? practiceId)
    {
        var membership = viewer.Memberships.FirstOrDefault(m => m.PracticeId == practiceId) ?? (viewer.Memberships.Count > 0 ? viewer.Memberships[0] : null);
        return membership is null ? "client" : membership.Role == PracticeRole.Owner ? "owner" : "therapist";
    }
}
