using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Time;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Scheduling;
using Duration = NodaTime.Duration;
using Calendar = SecureBase.Web.Features.Scheduling.Calendar;

namespace SecureBase.Web.Features.Calendars;

// A series as a calendar sees it: its row, the changes that matter to a calendar (moved or cancelled
// occurrences; attendance is not a calendar's business) and the practice's discreet title.
public sealed record CalendarSeries(SeriesRow Row, IReadOnlyList<OccurrenceChange> Changes, string Title);

public sealed record CalendarSession(OneOffSession Row, string Title);

// Who an iTIP message (RFC 5546) is from and to: the practice's sending address in the therapist's name
// (ORGANIZER, required in REQUEST and CANCEL) and the client (ATTENDEE, at least one in a REQUEST).
public sealed record ItipParties(string OrganizerEmail, string OrganizerName, string AttendeeEmail);

// Sessions as iCalendar (RFC 5545) through Ical.Net. A standing series is one VEVENT with a weekly RRULE in
// the therapist's zone (its VTIMEZONE included), an EXDATE per cancelled occurrence and a VEVENT with
// RECURRENCE-ID per moved one; a one-off session is a VEVENT in UTC (exact, whatever the zone does).
// Calendar apps disagree about local times that a clock change skips or repeats (ical.js takes the later
// offset, RFC 5545 3.3.5 the earlier; ours follows the RFC), so an occurrence within three hours of a
// change is also written as an override with exact UTC times, through `edgesThrough`.
// UIDs are stable; SEQUENCE is the row's, raised by every change. Titles come from the practice; the
// description is only a link. Nothing here names a client or says anything clinical.
public static class ICalendarWriter
{
    // Occurrences next to clock changes are written exactly up to the end of the year after next (the
    // feed's text changes once a year for it).
    public static LocalDate EdgesThrough(DateTimeOffset now) => new(now.UtcDateTime.Year + 2, 12, 31);

    public static string SeriesUid(Guid id) => $"series-{id:N}@securebase";

    public static string SessionUid(Guid id) => $"session-{id:N}@securebase";

    public static Ical.Net.Calendar Feed(IReadOnlyList<CalendarSeries> series, IReadOnlyList<CalendarSession> sessions, string detailsUrl, string name, LocalDate edgesThrough)
    {
        var calendar = NewCalendar(method: null);
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var s in series) AddSeries(calendar, s, detailsUrl, edgesThrough);
        foreach (var s in sessions) calendar.Events.Add(OneOff(s, detailsUrl));
        AddZones(calendar, series.Select(s => s.Row));
        return calendar;
    }

    // The master and its overrides: moved occurrences, and occurrences next to a clock change.
    static void AddSeries(Ical.Net.Calendar calendar, CalendarSeries s, string? detailsUrl, LocalDate edgesThrough)
    {
        if (Master(s, detailsUrl) is not { } master) return;
        calendar.Events.Add(master);
        var changed = s.Changes.Select(c => LocalDate.FromDateOnly(c.OriginalDate)).ToHashSet();
        foreach (var change in s.Changes.Where(c => !c.Cancelled && c.MovedToDate is not null))
            if (IsWithin(s.Row, LocalDate.FromDateOnly(change.OriginalDate)))
                calendar.Events.Add(Override(s, change, detailsUrl));
        var core = Calendar.ToCore(s.Row);
        var through = LastDate(s.Row) is { } last && last < edgesThrough ? last : edgesThrough;
        foreach (var o in Series.Occurrences(core, FirstDate(s.Row), through, []).Where(o => !changed.Contains(o.OriginalDate) && NearClockChange(core.Zone, o.Start, o.End)))
        {
            var e = Event(SeriesUid(s.Row.Id), s.Title, s.Row.Sequence, s.Row.UpdatedAt ?? s.Row.CreatedAt, detailsUrl);
            e.RecurrenceIdentifier = new RecurrenceIdentifier(Local(o.OriginalDate.At(core.Time), s.Row.TimeZoneId));
            (e.DtStart, e.DtEnd) = (Utc(o.Start), Utc(o.End));
            calendar.Events.Add(e);
        }
    }

    static bool NearClockChange(DateTimeZone zone, Instant start, Instant end) =>
        zone.GetUtcOffset(start - Duration.FromHours(3)) != zone.GetUtcOffset(end + Duration.FromHours(3));

    static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc());

    // iMIP (RFC 6047): the whole series or one session, as a REQUEST (booked, or the series changed).
    public static string Request(CalendarSeries series, string detailsUrl, LocalDate edgesThrough, ItipParties parties)
    {
        var calendar = NewCalendar("REQUEST");
        AddSeries(calendar, series, detailsUrl, edgesThrough);
        AddZones(calendar, [series.Row]);
        return Serialize(calendar, parties);
    }

    public static string Request(CalendarSession session, string detailsUrl, ItipParties parties)
    {
        var calendar = NewCalendar("REQUEST");
        calendar.Events.Add(OneOff(session, detailsUrl));
        return Serialize(calendar, parties);
    }

    // One occurrence moved: a REQUEST for that occurrence only, named by its RECURRENCE-ID.
    public static string RequestOccurrence(CalendarSeries series, OccurrenceChange change, string detailsUrl, ItipParties parties)
    {
        var calendar = NewCalendar("REQUEST");
        calendar.Events.Add(Override(series, change, detailsUrl));
        AddZones(calendar, [series.Row]);
        return Serialize(calendar, parties);
    }

    // One occurrence cancelled: a CANCEL for that occurrence only (RECURRENCE-ID), never the series.
    public static string CancelOccurrence(CalendarSeries series, LocalDate originalDate, ItipParties parties) => CancelSeries(series, originalDate, parties);

    // A whole series, only when it ended before its first session.
    public static string Cancel(CalendarSeries series, ItipParties parties) => CancelSeries(series, null, parties);

    static string CancelSeries(CalendarSeries series, LocalDate? occurrence, ItipParties parties)
    {
        var calendar = NewCalendar("CANCEL");
        var row = series.Row;
        var due = (occurrence ?? FirstDate(row)).At(LocalTime.FromTimeOnly(row.Time));
        var e = Event(SeriesUid(row.Id), series.Title, row.Sequence, row.UpdatedAt ?? row.CreatedAt, null);
        if (occurrence is not null) e.RecurrenceIdentifier = new RecurrenceIdentifier(Local(due, row.TimeZoneId));
        e.DtStart = Local(due, row.TimeZoneId);
        e.Status = EventStatus.Cancelled;
        calendar.Events.Add(e);
        AddZones(calendar, [row]);
        return Serialize(calendar, parties);
    }

    // A one-off session cancelled.
    public static string Cancel(CalendarSession session, ItipParties parties)
    {
        var calendar = NewCalendar("CANCEL");
        var e = OneOff(session, null);
        e.Status = EventStatus.Cancelled;
        calendar.Events.Add(e);
        return Serialize(calendar, parties);
    }

    public static string Serialize(Ical.Net.Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";

    static string Serialize(Ical.Net.Calendar calendar, ItipParties parties)
    {
        foreach (var e in calendar.Events)
        {
            e.Organizer = new Organizer($"mailto:{parties.OrganizerEmail}") { CommonName = parties.OrganizerName };
            e.Attendees.Add(new Attendee($"mailto:{parties.AttendeeEmail}") { Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION", Rsvp = false });
        }
        return Serialize(calendar);
    }

    static Ical.Net.Calendar NewCalendar(string? method)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//SecureBase//Sessions//EN" };
        if (method is not null) calendar.Method = method;
        return calendar;
    }

    static LocalDate FirstDate(SeriesRow row) => LocalDate.FromDateOnly(row.StartDate).With(DateAdjusters.NextOrSame((IsoDayOfWeek)row.Day));

    static LocalDate? LastDate(SeriesRow row) =>
        row.Until is { } until ? LocalDate.FromDateOnly(until).With(DateAdjusters.PreviousOrSame((IsoDayOfWeek)row.Day)) : null;

    static bool IsWithin(SeriesRow row, LocalDate date) => date >= FirstDate(row) && (LastDate(row) is not { } last || date <= last);

    // Null when the series ended before its first occurrence (nothing to show).
    static CalendarEvent? Master(CalendarSeries series, string? detailsUrl)
    {
        var row = series.Row;
        var (first, last) = (FirstDate(row), LastDate(row));
        if (last is { } l && l < first) return null;
        var time = LocalTime.FromTimeOnly(row.Time);
        var e = Event(SeriesUid(row.Id), series.Title, row.Sequence, row.UpdatedAt ?? row.CreatedAt, detailsUrl);
        e.DtStart = Local(first.At(time), row.TimeZoneId);
        e.DtEnd = Local(first.At(time).Plus(NodaTime.Period.FromMinutes(row.LengthMinutes)), row.TimeZoneId);
        var rule = new RecurrencePattern(FrequencyType.Weekly, 1) { ByDay = [new WeekDay(BclDay((IsoDayOfWeek)row.Day))] };
        // UNTIL is in UTC when DTSTART has a zone (RFC 5545 3.3.10): the start of the last occurrence.
        if (last is { } lastDate) rule.Until = new CalDateTime(LocalTimes.ToInstant(lastDate.At(time), Zones.Find(row.TimeZoneId)).ToDateTimeUtc());
        e.RecurrenceRule = rule;
        foreach (var cancelled in series.Changes.Where(c => c.Cancelled).Select(c => LocalDate.FromDateOnly(c.OriginalDate)).Where(d => IsWithin(row, d)).Order())
            e.ExceptionDates.Add(Local(cancelled.At(time), row.TimeZoneId));
        return e;
    }

    static CalendarEvent Override(CalendarSeries series, OccurrenceChange change, string? detailsUrl)
    {
        var row = series.Row;
        // The moved time as Core reads it (LocalTimes.ToInstant), written in UTC so no app reads it otherwise.
        var moved = LocalTimes.ToInstant(LocalDate.FromDateOnly(change.MovedToDate!.Value).At(LocalTime.FromTimeOnly(change.MovedToTime!.Value)), Zones.Find(row.TimeZoneId));
        var e = Event(SeriesUid(row.Id), series.Title, row.Sequence, change.ChangedAt ?? row.UpdatedAt ?? row.CreatedAt, detailsUrl);
        e.RecurrenceIdentifier = new RecurrenceIdentifier(Local(LocalDate.FromDateOnly(change.OriginalDate).At(LocalTime.FromTimeOnly(row.Time)), row.TimeZoneId));
        (e.DtStart, e.DtEnd) = (Utc(moved), Utc(moved + Duration.FromMinutes(row.LengthMinutes)));
        return e;
    }

    static CalendarEvent OneOff(CalendarSession session, string? detailsUrl)
    {
        var row = session.Row;
        var e = Event(SessionUid(row.Id), session.Title, row.Sequence, row.UpdatedAt ?? row.CreatedAt, detailsUrl);
        e.DtStart = new CalDateTime(row.Start.UtcDateTime);
        e.DtEnd = new CalDateTime(row.End.UtcDateTime);
        if (row.CancelledAt is not null) e.Status = EventStatus.Cancelled;
        return e;
    }

    static CalendarEvent Event(string uid, string title, int sequence, DateTimeOffset modified, string? detailsUrl)
    {
        // DTSTAMP is the last change, not the moment of serving, so the same data gives the same bytes.
        var stamp = new CalDateTime(DateTime.SpecifyKind(modified.UtcDateTime.AddTicks(-(modified.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc));
        var e = new CalendarEvent { Uid = uid, Summary = title, Sequence = sequence, DtStamp = stamp, LastModified = stamp, Transparency = TransparencyType.Opaque };
        if (detailsUrl is not null) e.Description = $"Details: {detailsUrl}";
        return e;
    }

    static CalDateTime Local(LocalDateTime local, string zoneId) =>
        new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zoneId);

    static DayOfWeek BclDay(IsoDayOfWeek day) => day == IsoDayOfWeek.Sunday ? DayOfWeek.Sunday : (DayOfWeek)(int)day;

    // One VTIMEZONE per zone used, with its rules from the first session on (calendar apps need the
    // offsets of every date they show).
    static void AddZones(Ical.Net.Calendar calendar, IEnumerable<SeriesRow> rows)
    {
        foreach (var zone in rows.GroupBy(r => r.TimeZoneId))
        {
            var earliest = zone.Min(r => r.StartDate).AddDays(-7);
            calendar.AddTimeZone(zone.Key, earliest.ToDateTime(TimeOnly.MinValue), includeHistoricalData: false);
        }
    }
}
