using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Scheduling;

// A therapist's time as Core sees it: their availability, and every span that takes it (occurrences of
// series, one-off sessions, held requests), read from the database and handed to Core's rules.
public sealed class Calendar(AppDbContext db, TimeProvider clock)
{
    public Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public static DateTimeZone ZoneOf(BookingProfile profile) => Zones.Find(profile.TimeZoneId);

    public async Task<Availability> AvailabilityAsync(BookingProfile profile, CancellationToken ct)
    {
        var rows = await db.WorkingHours.AsNoTracking().Where(h => h.PracticeId == profile.PracticeId && h.TherapistId == profile.TherapistId).ToListAsync(ct);
        var weekly = rows.Where(h => h.Day is not null && h.From is not null && h.To is not null)
            .Select(h => new Hours((IsoDayOfWeek)h.Day!.Value, LocalTime.FromTimeOnly(h.From!.Value), LocalTime.FromTimeOnly(h.To!.Value))).ToList();
        var exceptions = rows.Where(h => h.Date is not null).GroupBy(h => h.Date!.Value)
            .Select(g => new DateOverride(LocalDate.FromDateOnly(g.Key),
                g.Where(h => h.From is not null && h.To is not null).Select(h => (LocalTime.FromTimeOnly(h.From!.Value), LocalTime.FromTimeOnly(h.To!.Value))).ToList()))
            .ToList();
        return new Availability(ZoneOf(profile), weekly, exceptions, Duration.FromMinutes(profile.SessionMinutes), Duration.FromMinutes(profile.BufferMinutes),
            Duration.FromHours(profile.NoticeHours), Period.FromWeeks(profile.HorizonWeeks));
    }

    // The last date (therapist's clock) anything may be booked on now.
    public LocalDate HorizonEnd(BookingProfile profile) => Now.InZone(ZoneOf(profile)).Date.PlusWeeks(profile.HorizonWeeks);

    public LocalDate Today(BookingProfile profile) => Now.InZone(ZoneOf(profile)).Date;

    public static StandingSeries ToCore(SeriesRow row) =>
        new(row.Id, (IsoDayOfWeek)row.Day, LocalTime.FromTimeOnly(row.Time), Duration.FromMinutes(row.LengthMinutes), Zones.Find(row.TimeZoneId),
            LocalDate.FromDateOnly(row.StartDate), row.Until is { } until ? LocalDate.FromDateOnly(until) : null);

    public static OccurrenceOverride ToCore(OccurrenceChange change) =>
        new(LocalDate.FromDateOnly(change.OriginalDate),
            change.MovedToDate is { } date && change.MovedToTime is { } time ? LocalDate.FromDateOnly(date).At(LocalTime.FromTimeOnly(time)) : null,
            change.Cancelled, change.ChangedBy ?? ChangedBy.Therapist, change.Reason);

    // The occurrences of a series that overlap [from, to), wherever they were due: an occurrence moved from
    // a date far outside the range into it counts, and one moved out of it does not.
    public static IEnumerable<Occurrence> Touching(SeriesRow row, IReadOnlyCollection<OccurrenceChange> changes, Instant from, Instant to)
    {
        var core = ToCore(row);
        var (firstDate, lastDate) = (from.InZone(core.Zone).Date.PlusDays(-1), to.InZone(core.Zone).Date.PlusDays(1));
        var movedIn = changes.Where(c => c.MovedToDate is { } d && LocalDate.FromDateOnly(d) >= firstDate && LocalDate.FromDateOnly(d) <= lastDate)
            .Select(c => LocalDate.FromDateOnly(c.OriginalDate)).ToList();
        var expandFrom = movedIn.Append(firstDate).Min();
        var expandTo = movedIn.Append(lastDate).Max();
        return Series.Occurrences(core, expandFrom, expandTo, changes.Select(ToCore).ToList()).Where(o => o.End > from && o.Start < to);
    }

    public async Task<IReadOnlyList<OccurrenceChange>> ChangesAsync(IEnumerable<Guid> seriesIds, CancellationToken ct, Instant? touchingFrom = null)
    {
        var ids = seriesIds.ToList();
        var query = db.OccurrenceChanges.AsNoTracking().Where(c => ids.Contains(c.SeriesId));
        if (touchingFrom is not { } from) return await query.ToListAsync(ct);
        // Years of marked attendance would be read on every page; a change can only touch the range if it
        // was due, or moved to, within a week of its start (every zone is within a day of UTC). Two index
        // ranges joined by UNION ALL: written as one OR, SQLite read every change of every series.
        var since = DateOnly.FromDateTime(from.ToDateTimeUtc()).AddDays(-8);
        return await query.Where(c => c.OriginalDate >= since)
            .Concat(query.Where(c => c.OriginalDate < since && c.MovedToDate != null && c.MovedToDate >= since))
            .ToListAsync(ct);
    }

    // Every span that takes the therapist's time between the two dates (their clock, a week of slack either
    // side for moved occurrences), each named for a conflict message. Leaves out one request's hold and one
    // series when asked (the request being answered, the series being changed).
    public async Task<List<Booked>> TakenAsync(BookingProfile profile, LocalDate from, LocalDate to, CancellationToken ct, Guid? exceptRequest = null, Guid? exceptSeries = null)
    {
        var zone = ZoneOf(profile);
        var (wideFrom, wideTo) = (from.PlusWeeks(-1), to.PlusWeeks(1));
        var taken = new List<Booked>();

        var (fromInstant, toInstant) = (wideFrom.AtStartOfDayInZone(zone).ToDateTimeOffset(), wideTo.PlusDays(1).AtStartOfDayInZone(zone).ToDateTimeOffset());
        // Every series of the therapist that has not ended before the range (an occurrence may have been moved into it from far away).
        var series = await db.StandingSeries.AsNoTracking()
            .Where(s => s.PracticeId == profile.PracticeId && s.TherapistId == profile.TherapistId && s.Id != exceptSeries)
            .ToListAsync(ct);
        var changes = (await ChangesAsync(series.Select(s => s.Id), ct, Instant.FromDateTimeOffset(fromInstant))).ToLookup(c => c.SeriesId);
        foreach (var row in series)
            foreach (var occurrence in Touching(row, changes[row.Id].ToList(), Instant.FromDateTimeOffset(fromInstant), Instant.FromDateTimeOffset(toInstant)).Where(o => !o.Cancelled))
                taken.Add(new Booked(occurrence.Start, occurrence.End, $"{row.ClientName}'s weekly session on {Show.Day(occurrence.Start, zone)}"));

        var sessions = await db.OneOffSessions.AsNoTracking()
            .Where(s => s.PracticeId == profile.PracticeId && s.TherapistId == profile.TherapistId && s.CancelledAt == null && s.End > fromInstant && s.Start < toInstant)
            .ToListAsync(ct);
        taken.AddRange(sessions.Select(s => new Booked(Instant.FromDateTimeOffset(s.Start), Instant.FromDateTimeOffset(s.End), $"{s.ClientName}'s session on {Show.Day(Instant.FromDateTimeOffset(s.Start), zone)}")));

        var now = clock.GetUtcNow();
        var holds = await db.BookingRequests.AsNoTracking()
            .Where(r => r.PracticeId == profile.PracticeId && r.TherapistId == profile.TherapistId && r.State == RequestState.Held && r.HeldUntil > now && r.Id != exceptRequest)
            .ToListAsync(ct);
        taken.AddRange(holds.Select(r => new Booked(Instant.FromDateTimeOffset(r.Start), Instant.FromDateTimeOffset(r.End), $"a request held for {r.Name} on {Show.Day(Instant.FromDateTimeOffset(r.Start), zone)}")));
        return taken;
    }

    // How far a new open-ended series must be checked so that nothing already booked is missed: the
    // horizon, or the last date anything else of this therapist is booked on (a one-off booked when the
    // horizon was longer, an occurrence moved far ahead, a hold), or the start of the latest other series;
    // then a further year. Two weekly series in one zone that ever meet, meet in their first common week;
    // in two zones they may meet only in the weeks between two different daylight-saving changes (New York
    // and London differ by an hour for a few weeks each spring and autumn), and those rules repeat yearly.
    public async Task<LocalDate> CheckUntilAsync(BookingProfile profile, LocalDate from, CancellationToken ct)
    {
        var zone = ZoneOf(profile);
        var latest = LocalDate.Max(HorizonEnd(profile), from);
        var sessionEnd = await db.OneOffSessions.Where(s => s.PracticeId == profile.PracticeId && s.TherapistId == profile.TherapistId && s.CancelledAt == null)
            .OrderByDescending(s => s.End).Select(s => (DateTimeOffset?)s.End).FirstOrDefaultAsync(ct);
        var holdEnd = await db.BookingRequests.Where(r => r.PracticeId == profile.PracticeId && r.TherapistId == profile.TherapistId && r.State == RequestState.Held)
            .OrderByDescending(r => r.End).Select(r => (DateTimeOffset?)r.End).FirstOrDefaultAsync(ct);
        foreach (var end in new[] { sessionEnd, holdEnd })
            if (end is { } e) latest = LocalDate.Max(latest, Instant.FromDateTimeOffset(e).InZone(zone).Date);
        var series = await db.StandingSeries.Where(s => s.PracticeId == profile.PracticeId && s.TherapistId == profile.TherapistId).Select(s => s.Id).ToListAsync(ct);
        var movedTo = await db.OccurrenceChanges.Where(c => series.Contains(c.SeriesId) && c.MovedToDate != null).OrderByDescending(c => c.MovedToDate).Select(c => c.MovedToDate).FirstOrDefaultAsync(ct);
        if (movedTo is { } moved) latest = LocalDate.Max(latest, LocalDate.FromDateOnly(moved));
        var lastStart = await db.StandingSeries.Where(s => series.Contains(s.Id)).OrderByDescending(s => s.StartDate).Select(s => (DateOnly?)s.StartDate).FirstOrDefaultAsync(ct);
        if (lastStart is { } start) latest = LocalDate.Max(latest, LocalDate.FromDateOnly(start));
        return latest.PlusWeeks(53);
    }

    // The free slots from one date to another (therapist's clock), as Core computes them.
    public async Task<IReadOnlyList<Slot>> FreeAsync(BookingProfile profile, LocalDate from, LocalDate to, CancellationToken ct)
    {
        var availability = await AvailabilityAsync(profile, ct);
        return Slots.Free(availability, await TakenAsync(profile, from, to, ct), Now, from, to);
    }

    // Whether the span is one of the free slots now (so inside the hours, after the notice, before the horizon, not taken).
    public async Task<bool> IsFreeSlotAsync(BookingProfile profile, Instant start, CancellationToken ct, Guid? exceptRequest = null)
    {
        var zone = ZoneOf(profile);
        var date = start.InZone(zone).Date;
        var availability = await AvailabilityAsync(profile, ct);
        var free = Slots.Free(availability, await TakenAsync(profile, date, date, ct, exceptRequest), Now, date, date);
        return free.Any(s => s.Start == start);
    }
}

// How scheduling shows an instant to a person: in a zone, with the zone named.
public static class Show
{
    public static string Day(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string When(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + $" ({zone.Id})";

    public static string Time(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
