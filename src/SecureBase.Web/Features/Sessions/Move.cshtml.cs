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

// A client moves one session (only that one) into a free time of their therapist in the next two weeks.
public sealed class MoveModel(SessionDesk sessions, Calendar calendar, IAuthorizationService authorization, UserManager<AppUser> users) : PageModel
{
    public SessionView Session { get; private set; } = null!;
    public IReadOnlyList<Slot> Free { get; private set; } = [];
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public bool TooLate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? seriesId, DateOnly? date, Guid? sessionId) =>
        await LoadAsync(seriesId, date, sessionId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid? seriesId, DateOnly? date, Guid? sessionId, long? to)
    {
        if (!await LoadAsync(seriesId, date, sessionId)) return NotFound();
        if (TooLate) return Fail("It is too late to move this session here. Please contact your therapist.");
        if (to is not { } unix || !Free.Any(s => s.Start.ToUnixTimeSeconds() == unix)) return Fail("Choose one of the times offered.");
        var problem = await sessions.MoveAsync(Session, Instant.FromUnixTimeSeconds(unix), ChangedBy.Client, HttpContext.RequestAborted);
        if (problem is null) return Redirect("/Sessions?done=moved");
        await LoadAsync(seriesId, date, sessionId);
        return Fail(problem, StatusCodes.Status409Conflict);
    }

    PageResult Fail(string problem, int status = StatusCodes.Status400BadRequest)
    {
        ModelState.AddModelError("", problem);
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    async Task<bool> LoadAsync(Guid? seriesId, DateOnly? date, Guid? sessionId)
    {
        var ct = HttpContext.RequestAborted;
        var session = await sessions.FindAsync(seriesId, date is { } d ? LocalDate.FromDateOnly(d) : null, sessionId, ct);
        if (session is null || session.Cancelled || !(await authorization.AuthorizeAsync(User, session.Parties, SessionOperation.TakePart)).Succeeded || session.Parties.ClientId != User.Id()) return false;
        var profile = await sessions.ProfileOfAsync(session, ct);
        if (profile is null) return false;
        Session = session;
        Zone = await TimeZones.OfAsync(users, User);
        var notice = Duration.FromHours(await sessions.ClientNoticeHoursAsync(profile, ct));
        TooLate = !AttendanceRule.ClientMayChange(session.Start, calendar.Now, notice);
        var today = calendar.Today(profile);
        var availability = await calendar.AvailabilityAsync(profile, ct);
        var taken = await calendar.TakenAsync(profile, today, today.PlusDays(14), ct);
        taken.RemoveAll(t => t.Start == session.Start && t.End == session.End);
        Free = Slots.Free(availability with { MinimumNotice = notice }, taken, calendar.Now, today, today.PlusDays(14))
            .Where(s => s.End - s.Start == session.End - session.Start).ToList();
        return true;
    }
}
