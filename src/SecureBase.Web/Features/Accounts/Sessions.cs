using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Core.Sessions;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

// Server-side sessions: the cookie names a row; no row, no session. Sign-out and password change
// delete rows, so a copied cookie stops working on its next request. How long a row lives is Core's
// SessionRule: 30 idle minutes and 12 hours, or, for a client who asked to be kept signed in on this
// device, 30 days without use and 90 at most (ADR 0022).
public static class Sessions
{
    public const string SessionClaim = "sb:sid";

    /// <summary>Signs this browser in; keep: the person asked to stay signed in here, granted to clients only. Returns whether it was.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, AppUser user, bool keep = false)
    {
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var kept = keep && !await IsStaffAsync(db, user.Id, http.RequestAborted);
        var session = new UserSession
        {
            Id = NewId(), UserId = user.Id, CreatedAt = now, LastSeenAt = now, KeptSignedIn = kept,
            Device = DeviceLabel.Of(http.Request.Headers.UserAgent.ToString()),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        // A kept session's cookie outlives the browser (persistent) for the kept idle limit, renewed daily in ValidateAsync.
        var properties = kept ? new AuthenticationProperties { IsPersistent = true, ExpiresUtc = now + SessionRule.KeptIdle } : null;
        await signIn.SignInWithClaimsAsync(user, properties, [new Claim(SessionClaim, session.Id)]);
        return kept;
    }

    /// <summary>Whether this browser's own session is a kept one (so a password change can keep it so).</summary>
    public static async Task<bool> IsKeptAsync(HttpContext http)
    {
        var sessionId = http.User.FindFirstValue(SessionClaim);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        return sessionId is not null && await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.KeptSignedIn, http.RequestAborted);
    }

    static Task<bool> IsStaffAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.PracticeMembers.AnyAsync(m => m.UserId == userId && m.DeactivatedAt == null, ct);

    public static async Task SignOutAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(SessionClaim) is { } sessionId)
        {
            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(http.RequestAborted);
        }
        await http.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
    }

    // This browser passed a second factor: from now on its session counts as MFA-satisfied.
    public static async Task MarkSecondFactorAsync(HttpContext http)
    {
        var sessionId = http.User.FindFirstValue(SessionClaim);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.SecondFactorAt, now), http.RequestAborted);
    }

    public static Task EndAllAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessionId = context.Principal?.FindFirstValue(SessionClaim);
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var db = services.GetRequiredService<AppDbContext>();
        UserSession? session;
        try
        {
            session = sessionId is null ? null
                : await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (SecureBase.Data.DatabaseFaults.IsUnavailable(e))
        {
            // The database cannot be reached. Thrown from here, the failure would be remembered as this request's
            // sign-in result and thrown again while the error page is drawn; so the request goes on signed out
            // (the cookie kept for when the database is back) and UseSessionCheckFaults throws it past sign-in.
            context.HttpContext.Items[SessionCheckFault] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            context.RejectPrincipal();
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (session is not null)
        {
            var facts = new SessionFacts(session.CreatedAt, session.LastSeenAt, session.KeptSignedIn);
            var staff = SessionRule.DependsOnStaff(facts, now) && await IsStaffAsync(db, session.UserId, context.HttpContext.RequestAborted);
            if (SessionRule.IsAlive(facts, staff, now))
            {
                if (now - session.LastSeenAt > SessionRule.LastSeenPrecision)
                {
                    try
                    {
                        await db.UserSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), context.HttpContext.RequestAborted);
                    }
                    catch (Exception e) when (SecureBase.Data.DatabaseFaults.IsUnavailable(e))
                    {
                        // A database that takes no writes (full disk, read-only) still serves reads; the next request tries again.
                    }
                }
                // Kept: the cookie's 30 days start again from the latest day of use, not only past half of them.
                if (session.KeptSignedIn && !staff && context.Properties.IssuedUtc is { } issued && now - issued > TimeSpan.FromDays(1))
                    context.ShouldRenew = true;
                return;
            }
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    static readonly object SessionCheckFault = new();

    // Right after UseAuthentication: a session check that could not reach the database fails the request
    // (503 through the exception handler), except while the error page itself is drawn.
    public static IApplicationBuilder UseSessionCheckFaults(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items[SessionCheckFault] is System.Runtime.ExceptionServices.ExceptionDispatchInfo fault
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            fault.Throw();
        await next(context);
    });

    static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(32));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
