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
        var sessionId = user.FindFirstValue(Sessions.SessionClaim);
        var mfa = sessionId is not null && await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.SecondFactorAt != null, ct);
        var memberships = await db.PracticeMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new Membership(m.PracticeId, m.Role, m.DeactivatedAt == null)).ToListAsync(ct);
        return _current = new Viewer(userId, mfa, memberships);
    }

    // Whether this browser must pass (or, for staff, first set up) a second step before anything else.
    public async Task<bool> HeldAtSecondStepAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = await CurrentAsync(user, ct);
        if (viewer.MfaSatisfied) return false;
        return viewer.Memberships.Any(m => m.Active) || await db.AuthenticatorKeys.AnyAsync(k => k.UserId == viewer.UserId && k.ConfirmedAt != null, ct);
    }

    // The role written in audit rows: their role in the practice that matters, else "client".
    public static string RoleOf(Viewer viewer, Guid? practiceId)
    {
        var membership = viewer.Memberships.FirstOrDefault(m => m.PracticeId == practiceId) ?? (viewer.Memberships.Count > 0 ? viewer.Memberships[0] : null);
        return membership is null ? "client" : membership.Role == PracticeRole.Owner ? "owner" : "therapist";
    }
}
