using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Schedule;

// The therapist's own scheduling pages: their practice, and their booking profile (made on first visit,
// with the public page off). Whether they may is SessionAccess's answer for their own time.
public abstract class SchedulePageModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers) : PageModel
{
    protected AppDbContext Db => db;
    protected IAuthorizationService Authorization => authorization;
    public BookingProfile Profile { get; private set; } = null!;
    public Data.Model.Practice Practice { get; private set; } = null!;

    protected async Task<bool> LoadProfileAsync()
    {
        var ct = HttpContext.RequestAborted;
        var practices = await authorization.PracticesWhereAsync(viewers, User, PracticeOperation.TakeClients, ct);
        if (practices.Count == 0) return false;
        var practiceId = practices[0];
        var me = User.Id();
        if (!(await authorization.AuthorizeAsync(User, new SessionParties(practiceId, me, null), SessionOperation.Keep)).Succeeded) return false;
        Practice = await db.Practices.FirstAsync(p => p.Id == practiceId, ct);
        var profile = await db.BookingProfiles.FirstOrDefaultAsync(p => p.PracticeId == practiceId && p.TherapistId == me, ct);
        if (profile is null)
        {
            var email = await db.Users.Where(u => u.Id == me).Select(u => u.Email).FirstAsync(ct) ?? "";
            profile = new BookingProfile
            {
                PracticeId = practiceId, TherapistId = me, Handle = await FreeHandleAsync(practiceId, PageHandles.From(email.Split('@')[0]), ct),
                DisplayName = email.Split('@')[0], TimeZoneId = Zones.Canonical(Practice.TimeZoneId) ?? "Etc/UTC",
            };
            db.BookingProfiles.Add(profile);
            await db.SaveChangesAsync(ct);
        }
        Profile = profile;
        return true;
    }

    async Task<string> FreeHandleAsync(Guid practiceId, string wanted, CancellationToken ct)
    {
        for (var n = 1; ; n++)
        {
            var handle = n == 1 ? wanted : $"{wanted}-{n}";
            if (!await db.BookingProfiles.AnyAsync(p => p.PracticeId == practiceId && p.Handle == handle, ct)) return handle;
        }
    }
}

// Handles in public addresses: lower-case letters, digits and single hyphens, 2–40 characters.
public static class PageHandles
{
    public static string From(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray();
        var handle = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (handle.Length > 40) handle = handle[..40].TrimEnd('-');
        return handle.Length < 2 ? "therapist" : handle;
    }

    public static bool IsValid(string? handle) => handle is { Length: >= 2 and <= 40 } && From(handle) == handle;
}
