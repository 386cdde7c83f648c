using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Sessions;

// A client's sessions: the coming ones (move or cancel one themselves up to the practice's notice, else
// "contact your therapist"), and what changed recently. A session the therapist cancelled stays listed
// with their reason: a therapist's absence is itself an attachment-relevant event.
public sealed class IndexModel(SessionDesk sessions, Calendar calendar, IAuthorizationService authorization, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<(SessionView Session, bool MayChange, int NoticeHours)> Upcoming { get; private set; } = [];
    public IReadOnlyList<SessionView> RecentlyCancelled { get; private set; } = [];
    public IReadOnlyList<SessionView> Later { get; private set; } = [];
    const int Shown = 12;
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Message = Request.Query["done"].ToString() switch
        {
            "cancelled" => "Cancelled. Your therapist sees it.",
            "moved" => "Moved. Your therapist sees the new time.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid? seriesId, DateOnly? date, Guid? sessionId, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        var session = await sessions.FindAsync(seriesId, date is { } d ? LocalDate.FromDateOnly(d) : null, sessionId, ct);
        if (session is null || !(await authorization.AuthorizeAsync(User, session.Parties, SessionOperation.TakePart)).Succeeded || session.Parties.ClientId != User.Id()) return NotFound();
        if (reason is { Length: > 300 }) return await FailAsync("Keep the reason to 300 characters.");
        if (!Forms.PlainText.IsPlain(reason, allowLineBreaks: false)) return await FailAsync("Use letters, digits, spaces and punctuation only.");
        if (!await MayChangeAsync(session)) return await FailAsync("It is too late to cancel this session here. Please contact your therapist.");
        return await sessions.CancelAsync(session, ChangedBy.Client, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct) is { } problem
            ? await FailAsync(problem) : Redirect("/Sessions?done=cancelled");
    }

    async Task<bool> MayChangeAsync(SessionView session)
    {
        var profile = await sessions.ProfileOfAsync(session, HttpContext.RequestAborted);
        if (profile is null) return false;
        var notice = await sessions.ClientNoticeHoursAsync(profile, HttpContext.RequestAborted);
        return AttendanceRule.ClientMayChange(session.Start, calendar.Now, Duration.FromHours(notice));
    }

    async Task<IActionResult> FailAsync(string problem)
    {
        ModelState.AddModelError("", problem);
        await LoadAsync();
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Zone = await TimeZones.OfAsync(users, User);
        var now = calendar.Now;
        var all = await sessions.OfClientAsync(User.Id(), now - Duration.FromDays(28), now + Duration.FromDays(7 * 52), ct);
        var upcoming = new List<(SessionView, bool, int)>();
        var notices = new Dictionary<(Guid, string), int?>();   // one lookup per therapist, not per session
        foreach (var s in all.Where(s => s.End > now && !s.Cancelled))
        {
            var key = (s.Parties.PracticeId, s.Parties.TherapistId);
            if (!notices.TryGetValue(key, out var notice))
                notices[key] = notice = await sessions.ProfileOfAsync(s, ct) is { } profile ? await sessions.ClientNoticeHoursAsync(profile, ct) : null;
            upcoming.Add((s, notice is not null && AttendanceRule.ClientMayChange(s.Start, now, Duration.FromHours(notice.Value)), notice ?? 24));
        }
        Upcoming = upcoming.Take(Shown).ToList();
        Later = upcoming.Skip(Shown).Select(u => u.Item1).ToList();
        RecentlyCancelled = all.Where(s => s.Cancelled).OrderByDescending(s => s.Start).ToList();
    }
}
