using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Security;

namespace SecureBase.Web.Features.Calendars;

// The calendar part of session emails (iMIP, RFC 6047), written from the rows as they are after the
// change: REQUEST when a session or series is booked or a series changes, a REQUEST for the one
// occurrence (RECURRENCE-ID) when one is moved, a CANCEL for the one occurrence when one is cancelled.
// A whole series is cancelled only when it ended before its first session.
public sealed class SessionInvites(AppDbContext db, PublicUrls urls, TimeProvider clock)
{
    string Details => urls.To("/Sessions");

    async Task<CalendarSeries?> SeriesAsync(Guid seriesId, CancellationToken ct)
    {
        var row = await db.StandingSeries.AsNoTracking().FirstOrDefaultAsync(s => s.Id == seriesId, ct);
        if (row is null) return null;
        var changes = await db.OccurrenceChanges.AsNoTracking().Where(c => c.SeriesId == seriesId && (c.Cancelled || c.MovedToDate != null)).ToListAsync(ct);
        return new CalendarSeries(row, changes, await SessionTitle.OfAsync(db, row.PracticeId, ct));
    }

    async Task<CalendarSession?> SessionAsync(Guid sessionId, CancellationToken ct)
    {
        var row = await db.OneOffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        return row is null ? null : new CalendarSession(row, await SessionTitle.OfAsync(db, row.PracticeId, ct));
    }

    // The series or session as it now stands: REQUEST, or CANCEL when nothing of it is left.
    public async Task<CalendarInvite?> OfSeriesAsync(Guid seriesId, CancellationToken ct)
    {
        if (await SeriesAsync(seriesId, ct) is not { } series) return null;
        var text = ICalendarWriter.Request(series, Details, ICalendarWriter.EdgesThrough(clock.GetUtcNow()));
        return text.Contains("BEGIN:VEVENT", StringComparison.Ordinal) ? new CalendarInvite("REQUEST", text) : new CalendarInvite("CANCEL", ICalendarWriter.Cancel(series));
    }

    public async Task<CalendarInvite?> OfSessionAsync(Guid sessionId, CancellationToken ct)
    {
        if (await SessionAsync(sessionId, ct) is not { } session) return null;
        return session.Row.CancelledAt is null
            ? new CalendarInvite("REQUEST", ICalendarWriter.Request(session, Details))
            : new CalendarInvite("CANCEL", ICalendarWriter.Cancel(session));
    }

    // One occurrence after it was moved (REQUEST for it alone) or cancelled (CANCEL for it alone).
    public async Task<CalendarInvite?> OfOccurrenceAsync(Guid seriesId, LocalDate originalDate, CancellationToken ct)
    {
        if (await SeriesAsync(seriesId, ct) is not { } series) return null;
        var date = originalDate.ToDateOnly();
        var change = series.Changes.FirstOrDefault(c => c.OriginalDate == date);
        if (change is null) return null;
        return change.Cancelled
            ? new CalendarInvite("CANCEL", ICalendarWriter.CancelOccurrence(series, originalDate))
            : new CalendarInvite("REQUEST", ICalendarWriter.RequestOccurrence(series, change, Details));
    }
}
