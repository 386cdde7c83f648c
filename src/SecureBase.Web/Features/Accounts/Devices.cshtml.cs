using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sessions;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

public sealed record SignedInDevice(string Handle, string Device, DateTimeOffset SignedInAt, DateTimeOffset LastUsedAt, bool Kept, bool ThisOne, DateTimeOffset EndsBy);

// Where the person is signed in, with the device, when and when last used; any of them can be ended here (ADR 0022).
// A session is named by a hash of its id: the id itself is the cookie's secret and never goes into a page.
public sealed class DevicesModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SignedInDevice> Devices { get; private set; } = [];
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    [BindProperty(SupportsGet = true)]
    public bool Ended { get; set; }

    [BindProperty]
    public string? Handle { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostEndAsync()
    {
        var mine = await db.UserSessions.Where(s => s.UserId == User.Id()).ToListAsync(HttpContext.RequestAborted);
        var chosen = mine.FirstOrDefault(s => HandleOf(s.Id) == Handle);
        if (chosen is null)
        {
            ModelState.AddModelError("", "That device is no longer signed in, or was never yours; the list below is as it is now.");
            await LoadAsync();
            return Page();
        }
        if (chosen.Id == User.FindFirstValue(Sessions.SessionClaim))
        {
            await Sessions.SignOutAsync(HttpContext);
            return Redirect("/");
        }
        db.UserSessions.Remove(chosen);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { Ended = true });
    }

    async Task LoadAsync()
    {
        Zone = await TimeZones.OfAsync(users, User);
        var current = User.FindFirstValue(Sessions.SessionClaim);
        var now = clock.GetUtcNow();
        var rows = await db.UserSessions.AsNoTracking().Where(s => s.UserId == User.Id()).ToListAsync(HttpContext.RequestAborted);
        Devices = rows
            .Select(s => (Row: s, Facts: new SessionFacts(s.CreatedAt, s.LastSeenAt, s.KeptSignedIn)))
            .Where(s => SessionRule.IsAlive(s.Facts, isStaff: false, now) || s.Row.Id == current)
            .Select(s => new SignedInDevice(HandleOf(s.Row.Id), s.Row.Device ?? "An unnamed browser", s.Row.CreatedAt, s.Row.LastSeenAt, s.Row.KeptSignedIn,
                s.Row.Id == current, SessionRule.EndsBy(s.Facts, isStaff: false)))
            .OrderByDescending(d => d.ThisOne).ThenByDescending(d => d.LastUsedAt).ToList();
    }

    static string HandleOf(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)))[..16];
}
