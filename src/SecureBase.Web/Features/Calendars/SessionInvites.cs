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
public sealed class SessionInvites(AppDbContext db, PublicUrls urls, IConfiguration configuration, TimeProvider clock)
{
    string Details => urls.To("/Sessions");

    // From the practice's sending address in the therapist's name, to the client (their account's address once they have one).
    async Task<ItipParties> PartiesAsync(Guid practiceId, string therapistId, string? clientId, string clientEmail, CancellationToken ct)
    {
        var from = EmailServices.FromAddress(configuration);
        var therapist = await db.BookingProfiles.AsNoTracking().Where(p => p.PracticeId == practiceId && p.TherapistId == therapistId).Select(p => p.DisplayName).FirstOrDefaultAsync(ct);
        var client = clientId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == clientId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return new ItipParties(from.Address, therapist ?? from.Name ?? "SecureBase", client ?? clientEmail);
    }

    Task<ItipParties> PartiesAsync(SeriesRow row, CancellationToken ct) => PartiesAsync(row.PracticeId, row.TherapistId, row.ClientId, row.ClientEmail, ct);

    Task<ItipParties> PartiesAsync(OneOffSession row, CancellationToken ct) => PartiesAsync(row.PracticeId, row.TherapistId, row.ClientId, row.ClientEmail, ct);

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
        var parties = await PartiesAsync(series.Row, ct);
        var text = ICalendarWriter.Request(series, Details, ICalendarWriter.EdgesThrough(clock.GetUtcNow()), parties);
        return text.Contains("BEGIN:VEVENT", StringComparison.Ordinal) ? new CalendarInvite("REQUEST", text) : new CalendarInvite("CANCEL", ICalendarWriter.Cancel(series, parties));
    }

    public async Task<CalendarInvite?> OfSessionAsync(Guid sessionId, CancellationToken ct)
    {
        if (await SessionAsync(sessionId, ct) is not { } session) return null;
        var parties = await PartiesAsync(session.Row, ct);
        return session.Row.CancelledAt is null
            ? new CalendarInvite("REQUEST", ICalendarWriter.Request(session, Details, parties))
            : new CalendarInvite("CANCEL", ICalendarWriter.Cancel(session, parties));
    }

    // One occurrence after it was moved (REQUEST for it alone) or cancelled (CANCEL for it alone).
    public async Task<CalendarInvite?> OfOccurrenceAsync(Guid seriesId, LocalDate originalDate, CancellationToken ct)
    {
        if (await SeriesAsync(seriesId, ct) is not { } series) return null;
        var date = originalDate.ToDateOnly();
        var change = series.Changes.FirstOrDefault(c => c.OriginalDate == date);
        if (change is null) return null;
        var parties = await PartiesAsync(series.Row, ct);
        return change.Cancelled
            ? new CalendarInvite("CANCEL", ICalendarWriter.CancelOccurrence(series, originalDate, parties))
            : new CalendarInvite("REQUEST", ICalendarWriter.RequestOccurrence(series, change, Details, parties));
    }
}
