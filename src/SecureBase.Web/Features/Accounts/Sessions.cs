using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

// Server-side sessions: the cookie names a row; no row, no session. Sign-out and password change
// delete rows, so a copied cookie stops working on its next request, and no session outlives 12 hours.
public static class Sessions
{
    public const string SessionClaim = "sb:sid";

    public static async Task SignInAsync(HttpContext http, AppUser user)
    {
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var session = new UserSession { Id = NewId(), UserId = user.Id, CreatedAt = clock.GetUtcNow() };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionClaim, session.Id)]);
    }

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
        if (session is not null && services.GetRequiredService<TimeProvider>().GetUtcNow() - session.CreatedAt <= AccountServices.AbsoluteLifetime)
            return;
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
