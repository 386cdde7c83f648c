using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Calendars;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Tests.Calendars;

// What we write, read back by an independent parser (Mozilla's ical.js), must be the sessions we have:
// every occurrence of a year that crosses both daylight-saving changes, with a moved one, a cancelled one
// and a change of weekday and time from a date onward, in two hemispheres; sessions at 01:30 and 02:30 on
// Sundays meet the gap and the repeated hour on change days.
public sealed class CalendarWriterTests
{
    static readonly DateTimeOffset From = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset To = new(2028, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    static SeriesRow Series(string zone, IsoDayOfWeek day, int hour, int minute, DateOnly start, DateOnly? until, int sequence = 0) => new()
    {
        Id = Guid.NewGuid(), PracticeId = Guid.NewGuid(), TherapistId = "t", ClientEmail = "c@example.org", ClientName = "Cam Client",
        Day = (int)day, Time = new TimeOnly(hour, minute), LengthMinutes = 50, TimeZoneId = zone, StartDate = start, Until = until,
        CreatedAt = Created, Sequence = sequence,
    };

    static OccurrenceChange Cancelled(SeriesRow s, DateOnly date) =>
        new() { SeriesId = s.Id, OriginalDate = date, PracticeId = s.PracticeId, Cancelled = true, ChangedBy = ChangedBy.Therapist, ChangedAt = Created };

    static OccurrenceChange Moved(SeriesRow s, DateOnly date, DateOnly to, TimeOnly at) =>
        new() { SeriesId = s.Id, OriginalDate = date, PracticeId = s.PracticeId, MovedToDate = to, MovedToTime = at, ChangedBy = ChangedBy.Client, ChangedAt = Created };

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    public async Task IcalJsExpandsExactlyOurOccurrences(string zone)
    {
        // Mondays 10:00 until a change from 5 July onward to Thursdays 18:30.
        var before = Series(zone, IsoDayOfWeek.Monday, 10, 0, new DateOnly(2027, 1, 4), new DateOnly(2027, 7, 4), sequence: 3);
        var after = Series(zone, IsoDayOfWeek.Thursday, 18, 30, new DateOnly(2027, 7, 8), null);
        var gap = Series(zone, IsoDayOfWeek.Sunday, 2, 30, new DateOnly(2027, 1, 3), null);
        var overlap = Series(zone, IsoDayOfWeek.Sunday, 1, 30, new DateOnly(2027, 1, 3), null);
        var changes = new Dictionary<Guid, List<OccurrenceChange>>
        {
            [before.Id] = [Cancelled(before, new DateOnly(2027, 3, 15)), Moved(before, new DateOnly(2027, 4, 5), new DateOnly(2027, 4, 6), new TimeOnly(9, 0))],
            [after.Id] = [Cancelled(after, new DateOnly(2027, 10, 7)), Moved(after, new DateOnly(2027, 11, 4), new DateOnly(2027, 11, 8), new TimeOnly(7, 0))],
            [gap.Id] = [],
            [overlap.Id] = [Moved(overlap, new DateOnly(2027, 6, 6), new DateOnly(2027, 6, 5), new TimeOnly(11, 15))],
        };
        var series = new[] { before, after, gap, overlap }.Select(s => new CalendarSeries(s, changes[s.Id], "Appointment")).ToList();
        var single = new OneOffSession { Id = Guid.NewGuid(), TherapistId = "t", ClientEmail = "c@example.org", ClientName = "Cam Client",
            Start = new DateTimeOffset(2027, 3, 14, 7, 30, 0, TimeSpan.Zero), End = new DateTimeOffset(2027, 3, 14, 8, 20, 0, TimeSpan.Zero), CreatedAt = Created };
        var cancelledSingle = new OneOffSession { Id = Guid.NewGuid(), TherapistId = "t", ClientEmail = "c@example.org", ClientName = "Cam Client",
            Start = new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2027, 5, 1, 9, 50, 0, TimeSpan.Zero), CreatedAt = Created, CancelledAt = Created };
        var sessions = new[] { single, cancelledSingle }.Select(s => new CalendarSession(s, "Appointment")).ToList();

        var text = ICalendarWriter.Serialize(ICalendarWriter.Feed(series, sessions, "https://example.org/Sessions", "Sessions", new LocalDate(2028, 12, 31)));
        var parsed = await IcalJs.ExpandAsync(text, From, To);

        var ours = new List<(string Uid, DateTimeOffset Start, DateTimeOffset End)>();
        var (from, to) = (Instant.FromDateTimeOffset(From), Instant.FromDateTimeOffset(To));
        foreach (var s in series)
            foreach (var o in SecureBase.Core.Scheduling.Series.Occurrences(Calendar.ToCore(s.Row), new LocalDate(2026, 12, 1), new LocalDate(2028, 1, 31), s.Changes.Select(Calendar.ToCore).ToList()))
                if (!o.Cancelled && o.Start >= from && o.Start < to)
                    ours.Add((ICalendarWriter.SeriesUid(s.Row.Id), o.Start.ToDateTimeOffset(), o.End.ToDateTimeOffset()));
        ours.Add((ICalendarWriter.SessionUid(single.Id), single.Start, single.End));

        var theirs = parsed.Where(p => p.Status != "CANCELLED").Select(p => (p.Uid, p.Start, p.End!.Value)).ToList();
        Assert.True(ours.Count > 150, $"a year of four weekly series: {ours.Count}");
        Assert.Equal(ours.OrderBy(o => o.Start).ThenBy(o => o.Uid), theirs.OrderBy(o => o.Start).ThenBy(o => o.Uid));

        // The cancelled one-off is there, marked cancelled; the series' SEQUENCE is ours; no name, nothing but the title.
        Assert.Single(parsed, p => p.Uid == ICalendarWriter.SessionUid(cancelledSingle.Id) && p.Status == "CANCELLED");
        Assert.All(parsed.Where(p => p.Uid == ICalendarWriter.SeriesUid(before.Id)), p => Assert.Equal(3, p.Sequence));
        Assert.DoesNotContain("Cam", text, StringComparison.Ordinal);
        Assert.Contains($"BEGIN:VTIMEZONE\r\nTZID:{zone}", text, StringComparison.Ordinal);
    }

    static readonly ItipParties Parties = new("sessions@practice.example", "Dr Rowe", "c@example.org");

    [Fact]
    public async Task InvitationsNameOneOccurrenceAndNeverCancelTheSeries()
    {
        var row = Series("Australia/Sydney", IsoDayOfWeek.Tuesday, 17, 0, new DateOnly(2027, 3, 2), null, sequence: 2);
        var moved = Moved(row, new DateOnly(2027, 3, 30), new DateOnly(2027, 4, 1), new TimeOnly(8, 0));
        var series = new CalendarSeries(row, [moved, Cancelled(row, new DateOnly(2027, 4, 6))], "Appointment");

        var request = await IcalJs.ExpandAsync(ICalendarWriter.RequestOccurrence(series, moved, "https://example.org/Sessions", Parties), From, To);
        var one = Assert.Single(request);
        Assert.Equal(("REQUEST", new DateTimeOffset(2027, 3, 31, 21, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 30, 6, 0, 0, TimeSpan.Zero)),
            (one.Method, one.Start, one.RecurrenceId));   // 08:00 AEDT on 1 April; due 17:00 AEDT on 30 March

        var cancel = ICalendarWriter.CancelOccurrence(series, new LocalDate(2027, 4, 6), Parties);
        Assert.DoesNotContain("FREQ=WEEKLY", cancel, StringComparison.Ordinal);
        var unfolded = cancel.Replace("\r\n ", "", StringComparison.Ordinal);   // RFC 5545 folds long lines
        Assert.Contains("ORGANIZER;CN=Dr Rowe:mailto:sessions@practice.example", unfolded, StringComparison.Ordinal);   // RFC 5546: required in CANCEL and REQUEST
        Assert.Contains("mailto:c@example.org", unfolded, StringComparison.Ordinal);
        var gone = Assert.Single(await IcalJs.ExpandAsync(cancel, From, To));
        Assert.Equal(("CANCEL", "CANCELLED", new DateTimeOffset(2027, 4, 6, 7, 0, 0, TimeSpan.Zero)), (gone.Method, gone.Status, gone.RecurrenceId));   // AEST from 4 April

        var whole = await IcalJs.ExpandAsync(ICalendarWriter.Request(series, "https://example.org/Sessions", new LocalDate(2028, 12, 31), Parties), From, new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.All(whole, p => Assert.Equal("REQUEST", p.Method));
        Assert.DoesNotContain(whole, p => p.RecurrenceId == new DateTimeOffset(2027, 4, 6, 7, 0, 0, TimeSpan.Zero));
        Assert.Contains(whole, p => p.Start == new DateTimeOffset(2027, 3, 31, 21, 0, 0, TimeSpan.Zero));
    }
}
