using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Schedule;

public sealed record ClientAttendance(string ClientName, string? ClientId, AttendanceSummary Summary);

// The therapist's sessions a week at a time (cancel or move one, end a weekly series; mark one that has
// begun), the sessions of the last twelve weeks not marked yet, and per client the derived figures (weeks in
// a row, rate, cancellations by whom).
public sealed class IndexModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers, SessionDesk sessions, Calendar calendar)
    : SchedulePageModel(db, authorization, viewers)
{
    // The week shown: any day in it (?week=2026-12-09), on the booking clock; this week when not given.
    [BindProperty(SupportsGet = true)] public DateOnly? Week { get; set; }
    public LocalDate WeekStart { get; private set; }
    public LocalDate Today { get; private set; }
    public LocalDate ThisWeek { get; private set; }
    // The weeks that may be shown: from 26 weeks back (attendance's history) to a year ahead.
    public LocalDate EarliestWeek => ThisWeek.PlusWeeks(-26);
    public LocalDate LatestWeek => ThisWeek.PlusWeeks(52);
    public Instant Now { get; private set; }
    public IReadOnlyList<SessionView> InWeek { get; private set; } = [];
    public IReadOnlyList<SessionView> ToMark { get; private set; } = [];
    public IReadOnlyList<ClientAttendance> Attendance { get; private set; } = [];
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid)
        {
            var refused = Page();
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }
        Message = Request.Query["done"].ToString() switch
        {
            "cancelled" => "Cancelled. Your client sees it on their sessions page.",
            "moved" => "Moved. Your client sees the new time.",
            "marked" => "Attendance saved.",
            "ended" => "The weekly series ends after that date; earlier sessions stay as they were.",
            "changed" => "From that date the series continues at the new time; earlier sessions stay as they were.",
            "break" => int.TryParse(Request.Query["count"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                ? count == 0 ? "There were no sessions to cancel on those days, so nobody was told anything."
                : $"Break announced: {Core.Text.Counted.Of(count, "session")} cancelled. Your clients see it on their sessions page and timeline."
                : "Break announced. Your clients see it on their sessions page and timeline.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid? seriesId, DateOnly? date, Guid? sessionId, string? reason)
    {
        if (await FindAsync(seriesId, date, sessionId) is not { } session) return await GoneAsync(seriesId);
        if (reason is { Length: > 300 }) return await FailAsync("Keep the reason to 300 characters.");
        if (!Forms.PlainText.IsPlain(reason, allowLineBreaks: false)) return await FailAsync("Use letters, digits, spaces and punctuation only in the reason.");
        return await sessions.CancelAsync(session, ChangedBy.Therapist, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), HttpContext.RequestAborted) is { } problem
            ? await FailAsync(problem) : Done("cancelled");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid? seriesId, DateOnly? date, Guid? sessionId, string? to)
    {
        if (await FindAsync(seriesId, date, sessionId) is not { } session) return await GoneAsync(seriesId);
        if (ParseLocal(to) is not { } local) return await FailAsync("Enter the new date and time on 5-minute steps, like 2026-03-02 10:00.");
        if (NotOnTheClock(local) is { } gap) return await FailAsync(gap);
        var start = Core.Time.LocalTimes.ToInstant(local, Calendar.ZoneOf(Profile));   // typed on the clock the page shows
        return await sessions.MoveAsync(session, start, ChangedBy.Therapist, HttpContext.RequestAborted) is { } problem
            ? await FailAsync(problem, StatusCodes.Status409Conflict) : Done("moved");
    }

    public async Task<IActionResult> OnPostMarkAsync(Guid? seriesId, DateOnly? date, Guid? sessionId, string? attendance)
    {
        if (await FindAsync(seriesId, date, sessionId) is not { } session) return await GoneAsync(seriesId);
        SessionAttendance? value = null;
        if (!string.IsNullOrEmpty(attendance))
        {
            // By name only: Enum.TryParse also took "0", "1", "2" and " Attended".
            if (!Enum.GetNames<SessionAttendance>().Contains(attendance, StringComparer.Ordinal) || !Enum.TryParse<SessionAttendance>(attendance, out var parsed))
                return await FailAsync("Choose attended, no-show or late cancellation.");
            value = parsed;
        }
        return await sessions.MarkAsync(session, value, HttpContext.RequestAborted) is { } problem ? await FailAsync(problem) : Done("marked");
    }

    public async Task<IActionResult> OnPostChangeFromAsync(Guid? seriesId, DateOnly? date, string? to)
    {
        if (await FindAsync(seriesId, date, null) is not { } session) return await GoneAsync(seriesId);
        if (ParseLocal(to) is not { } first) return await FailAsync("Enter the first new date and time on 5-minute steps, like 2026-03-02 10:00.");
        if (NotOnTheClock(first) is { } gap) return await FailAsync(gap);
        return await sessions.ChangeFromAsync(Profile, session, first, HttpContext.RequestAborted) is { } problem
            ? await FailAsync(problem, StatusCodes.Status409Conflict) : Done("changed");
    }

    public async Task<IActionResult> OnPostBreakAsync(DateOnly? from, DateOnly? to, string? reason)
    {
        if (!await LoadProfileAsync()) return NotFound();
        if (from is null || to is null) return await FailAsync("Enter the first and last day of the break.");
        if (to < from) return await FailAsync("The last day of the break is before its first day.");
        if (to.Value.DayNumber - from.Value.DayNumber > 366) return await FailAsync("A break is at most a year long.");
        if (LocalDate.FromDateOnly(from.Value) < calendar.Today(Profile)) return await FailAsync("A break starts today or later: sessions already past keep their attendance.");
        if (reason is { Length: > 300 }) return await FailAsync("Keep the reason to 300 characters.");
        if (!Forms.PlainText.IsPlain(reason, allowLineBreaks: false)) return await FailAsync("Use letters, digits, spaces and punctuation only in the reason.");
        var count = await sessions.BreakAsync(Profile, LocalDate.FromDateOnly(from.Value), LocalDate.FromDateOnly(to.Value),
            string.IsNullOrWhiteSpace(reason) ? "a break" : reason.Trim(), HttpContext.RequestAborted);
        return Redirect($"/Schedule?done=break&count={count}{WeekPart()}#week");
    }

    static LocalDate MondayOf(LocalDate day) => day.PlusDays(1 - (int)day.DayOfWeek);

    // After a change, back to the week it was made from (the forms carry it), at the week's heading.
    RedirectResult Done(string what) => Redirect($"/Schedule?done={what}{WeekPart()}#week");

    string WeekPart() => Week is { } week ? $"&week={week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}" : "";

    // A time typed in the daylight-saving gap never shows on the clock: refused, not moved forward unseen.
    string? NotOnTheClock(LocalDateTime local) => Core.Time.LocalTimes.Exists(local, Calendar.ZoneOf(Profile)) ? null
        : $"There is no {local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} on {local.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} in {Calendar.ZoneOf(Profile).Id}: the clocks go forward then. Choose another time.";

    static LocalDateTime? ParseLocal(string? text)
    {
        var parsed = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Parse(text ?? "");
        return parsed.Success && parsed.Value.Year is >= 2000 and <= 2200 && parsed.Value.Minute % 5 == 0 ? parsed.Value : null;
    }

    public async Task<IActionResult> OnPostEndSeriesAsync(Guid? seriesId, DateOnly? date)
    {
        if (await FindAsync(seriesId, date, null) is not { } session) return await GoneAsync(seriesId);
        await sessions.EndSeriesAsync(Profile, session.SeriesId!.Value, session.OriginalDate!.Value, HttpContext.RequestAborted);
        return Done("ended");
    }

    // Their own series whose date is no longer one of its sessions (ended, changed from an earlier date, a tab
    // left open): 409 with what to do, not "page not found".
    async Task<IActionResult> GoneAsync(Guid? seriesId)
    {
        if (!await LoadProfileAsync()) return NotFound();
        var theirs = seriesId is { } id && await Db.StandingSeries.AnyAsync(s => s.Id == id && s.PracticeId == Profile.PracticeId && s.TherapistId == Profile.TherapistId, HttpContext.RequestAborted);
        return theirs ? await FailAsync("That session is no longer on your schedule: the weekly series ended or changed since this page was opened. Here it is as it is now.", StatusCodes.Status409Conflict)
            : NotFound();
    }

    // The session, when it exists and is this therapist's to keep; null otherwise.
    async Task<SessionView?> FindAsync(Guid? seriesId, DateOnly? date, Guid? sessionId)
    {
        if (!await LoadProfileAsync()) return null;
        var session = await sessions.FindAsync(seriesId, date is { } d ? LocalDate.FromDateOnly(d) : null, sessionId, HttpContext.RequestAborted);
        if (session is null) return null;
        return (await Authorization.AuthorizeAsync(User, session.Parties, SessionOperation.Keep)).Succeeded && session.Parties.TherapistId == Profile.TherapistId ? session : null;
    }

    async Task<IActionResult> FailAsync(string problem, int status = StatusCodes.Status400BadRequest)
    {
        ModelState.AddModelError("", problem);
        await LoadAsync();
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    async Task<bool> LoadAsync()
    {
        if (!await LoadProfileAsync()) return false;
        var ct = HttpContext.RequestAborted;
        Zone = Calendar.ZoneOf(Profile);
        var now = Now = calendar.Now;
        Today = calendar.Today(Profile);
        // One week at a time, Monday to Sunday: a full caseload's four weeks and twelve past weeks were one page
        // tens of thousands of pixels tall on a phone.
        WeekStart = ThisWeek = MondayOf(Today);
        if (Week is { } day)
        {
            var monday = MondayOf(LocalDate.FromDateOnly(day));
            if (monday < EarliestWeek || monday > LatestWeek)
                ModelState.AddModelError(nameof(Week), "Choose a week from 26 weeks back to a year ahead; here is this week.");
            else WeekStart = monday;
        }
        var (weekFrom, weekTo) = (Core.Time.LocalTimes.ToInstant(WeekStart.AtMidnight(), Zone), Core.Time.LocalTimes.ToInstant(WeekStart.PlusWeeks(1).AtMidnight(), Zone));
        // A session belongs to the week it starts in (one that runs past Sunday midnight is not next week's too).
        InWeek = (await sessions.OfTherapistAsync(Profile.PracticeId, Profile.TherapistId, weekFrom, weekTo, ct)).Where(s => s.Start >= weekFrom && s.Start < weekTo).ToList();
        // Attendance over the same 26 weeks as the caseload, so both show the same figures; sessions to mark: the last 12.
        var all = await sessions.OfTherapistAsync(Profile.PracticeId, Profile.TherapistId, now - AttendanceRule.HistoryWindow, now, ct);
        // A session that has begun can be marked (and no longer moved or cancelled).
        ToMark = all.Where(s => s.Start <= now && s.Start >= now - AttendanceRule.RateWindow && !s.Cancelled && s.Attendance is null)
            .OrderByDescending(s => s.Start).ToList();
        // One row per person (their account once they are a client, else the booking's email): two people who
        // booked under the same name are two rows; the row links to the client's pages when there are any.
        Attendance = all.Where(s => s.Start < now).GroupBy(s => s.Parties.ClientId ?? "email:" + s.ClientEmail.ToUpperInvariant())
            .Select(g => new ClientAttendance(g.First().ClientName, g.First().Parties.ClientId,
                AttendanceRule.Summarise(g.Select(s => new PastSession(s.Start, s.Outcome)).ToList(), now)))
            .OrderBy(a => a.ClientName, Caseload.NaturalText.Order).ToList();   // Client 2 before Client 10, as on the caseload
        return true;
    }
}
