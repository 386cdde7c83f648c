using NodaTime;
using NodaTime.Text;
using SecureBase.Core.Scheduling;

namespace SecureBase.Core.Tests.Scheduling;

public class SeriesTests
{
    static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;

    static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    static StandingSeries Weekly(string zone, IsoDayOfWeek day, int hour, int minute, string start, string? until = null) =>
        new(Guid.Parse("3f2a0000-0000-0000-0000-000000000001"), day, new LocalTime(hour, minute), Duration.FromMinutes(50), Zone(zone), Date(start), until is null ? null : Date(until));

    // A Sunday 10:00 session stays at 10:00 on the therapist's clock through each zone's 2026 changes (its UTC instant moves).
    [Theory]
    [InlineData("America/New_York", "2026-02-15", 2)]    // DST from 8 March
    [InlineData("Europe/Berlin", "2026-03-08", 2)]       // from 29 March
    [InlineData("Australia/Sydney", "2026-03-15", 2)]    // southern hemisphere: DST ends 5 April
    [InlineData("Australia/Lord_Howe", "2026-09-13", 2)] // a 30-minute shift on 4 October
    [InlineData("Asia/Kolkata", "2026-03-01", 1)]        // no DST, +05:30
    public void LocalTimeStaysAcrossDaylightSaving(string zone, string start, int offsets)
    {
        var series = Weekly(zone, IsoDayOfWeek.Sunday, 10, 0, start);
        var occurrences = Series.Occurrences(series, Date(start), Date(start).PlusWeeks(8), []);
        Assert.Equal(9, occurrences.Count);
        Assert.All(occurrences, o => Assert.Equal(new LocalTime(10, 0), o.Start.InZone(series.Zone).TimeOfDay));
        Assert.Equal(offsets, occurrences.Select(o => series.Zone.GetUtcOffset(o.Start)).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 9), occurrences.Select(o => o.Week));
    }

    [Theory]
    // New York, the Sunday before and after the spring change: 10:00 EST is 15:00Z, 10:00 EDT is 14:00Z.
    [InlineData("America/New_York", 10, 0, "2026-03-01", "2026-03-01T15:00:00Z")]
    [InlineData("America/New_York", 10, 0, "2026-03-08", "2026-03-08T14:00:00Z")]
    // A time inside the gap moves forward by the gap: 02:30 on 8 March is 03:30 EDT.
    [InlineData("America/New_York", 2, 30, "2026-03-08", "2026-03-08T07:30:00Z")]
    // Lord Howe's 30-minute gap: 02:15 on 4 October is 02:45 (+11:00).
    [InlineData("Australia/Lord_Howe", 2, 15, "2026-10-04", "2026-10-03T15:45:00Z")]
    // A time that happens twice is the earlier one: 01:30 on 1 November in New York is 01:30 EDT.
    [InlineData("America/New_York", 1, 30, "2026-11-01", "2026-11-01T05:30:00Z")]
    // Berlin's fall-back: 02:30 on 25 October happens twice; the earlier is +02:00.
    [InlineData("Europe/Berlin", 2, 30, "2026-10-25", "2026-10-25T00:30:00Z")]
    // Kolkata: a half-hour offset, never a change.
    [InlineData("Asia/Kolkata", 10, 0, "2026-10-25", "2026-10-25T04:30:00Z")]
    public void GapsMoveForwardAndOverlapsTakeTheEarlier(string zone, int hour, int minute, string date, string expected)
    {
        var series = Weekly(zone, IsoDayOfWeek.Sunday, hour, minute, date);
        var occurrence = Series.Occurrences(series, Date(date), Date(date), []).Single();
        Assert.Equal(At(expected), occurrence.Start);
        Assert.Equal(At(expected) + Duration.FromMinutes(50), occurrence.End);
    }

    [Fact]
    public void AFiftyTwoWeekSeriesThatMeetsOneSessionInWeek37IsRefusedAndNamesWeek37()
    {
        var series = Weekly("Europe/Berlin", IsoDayOfWeek.Monday, 10, 0, "2026-01-05", "2026-12-28");
        var proposed = Series.Taken(series, Date("2026-01-05"), Date("2027-01-05"), []);
        Assert.Equal(52, proposed.Count);
        var berlin = Zone("Europe/Berlin");
        var existing = new Booked(new LocalDateTime(2026, 9, 14, 10, 30).InZoneLeniently(berlin).ToInstant(),
            new LocalDateTime(2026, 9, 14, 11, 20).InZoneLeniently(berlin).ToInstant(), "session 9c1e");

        var answer = Bookings.CanAccept([existing], proposed, Duration.Zero);

        Assert.False(answer.Accepted);
        var conflict = Assert.Single(answer.Conflicts);
        Assert.EndsWith("week 37", conflict.Proposed.Label, StringComparison.Ordinal);
        Assert.Equal("session 9c1e", conflict.Existing.Label);
        Assert.Equal(Date("2026-09-14"), Date("2026-01-05").PlusWeeks(36));
    }

    [Fact]
    public void MovingOrCancellingOneOccurrenceLeavesTheOthersUntouched()
    {
        var series = Weekly("America/New_York", IsoDayOfWeek.Tuesday, 9, 0, "2026-02-03");
        var plain = Series.Occurrences(series, Date("2026-02-03"), Date("2026-04-28"), []);
        var overrides = new[]
        {
            new OccurrenceOverride(Date("2026-02-17"), new LocalDateTime(2026, 2, 18, 14, 0), false, ChangedBy.Client, "exam"),
            new OccurrenceOverride(Date("2026-03-10"), null, true, ChangedBy.Therapist, "away"),
        };
        var changed = Series.Occurrences(series, Date("2026-02-03"), Date("2026-04-28"), overrides);

        Assert.Equal(plain.Count, changed.Count);
        for (var i = 0; i < plain.Count; i++)
        {
            if (plain[i].OriginalDate == Date("2026-02-17"))
            {
                Assert.True(changed[i].Moved);
                Assert.Equal(new LocalDateTime(2026, 2, 18, 14, 0), changed[i].Start.InZone(series.Zone).LocalDateTime);
            }
            else if (plain[i].OriginalDate == Date("2026-03-10")) Assert.True(changed[i].Cancelled);
            else Assert.Equal(plain[i], changed[i]);
        }
        Assert.Equal(plain.Count - 1, Series.Taken(series, Date("2026-02-03"), Date("2026-04-28"), overrides).Count);
    }

    [Fact]
    public void ASeriesEndsOnItsLastDateAndStartsOnItsFirstWeekday()
    {
        var series = Weekly("Europe/Berlin", IsoDayOfWeek.Thursday, 18, 0, "2026-01-05", "2026-02-05");
        var dates = Series.Occurrences(series, Date("2026-01-01"), Date("2026-12-31"), []).Select(o => o.OriginalDate).ToList();
        Assert.Equal([Date("2026-01-08"), Date("2026-01-15"), Date("2026-01-22"), Date("2026-01-29"), Date("2026-02-05")], dates);
    }
}

public class BookingRuleTests
{
    static readonly Instant Ten = Instant.FromUtc(2026, 5, 4, 10, 0);

    static Booked Span(int startMinutes, int endMinutes, string label) => new(Ten + Duration.FromMinutes(startMinutes), Ten + Duration.FromMinutes(endMinutes), label);

    [Theory]
    // proposed start, end (minutes after 10:00), buffer, conflicts with the existing 10:00–10:50
    [InlineData(50, 100, 0, false)]    // back to back, no buffer: fine
    [InlineData(50, 100, 10, true)]    // back to back with a 10-minute buffer: too close
    [InlineData(60, 110, 10, false)]   // exactly the buffer apart
    [InlineData(-60, 0, 0, false)]     // ends as it starts
    [InlineData(-60, 1, 0, true)]
    [InlineData(10, 20, 0, true)]      // inside
    [InlineData(-10, 60, 0, true)]     // around
    public void SpansConflictWhenTheyOverlapOrComeCloserThanTheBuffer(int start, int end, int buffer, bool conflicts)
    {
        var answer = Bookings.CanAccept([Span(0, 50, "existing")], [Span(start, end, "proposed")], Duration.FromMinutes(buffer));
        Assert.Equal(!conflicts, answer.Accepted);
    }

    [Fact]
    public void ProposedSpansAreCheckedAgainstEachOther()
    {
        var answer = Bookings.CanAccept([], [Span(0, 50, "a"), Span(30, 80, "b")], Duration.Zero);
        var conflict = Assert.Single(answer.Conflicts);
        Assert.Equal(("b", "a"), (conflict.Proposed.Label, conflict.Existing.Label));
    }
}

public class SlotTests
{
    static Availability Mondays(string zone, int bufferMinutes = 10) => new(
        DateTimeZoneProviders.Tzdb[zone],
        [new Hours(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(12, 0))],
        [],
        Duration.FromMinutes(50), Duration.FromMinutes(bufferMinutes), Duration.FromHours(24), Period.FromWeeks(8));

    static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-23", "2026-03-30")]        // either side of 29 March
    [InlineData("America/New_York", "2026-03-02", "2026-03-09")]     // either side of 8 March
    [InlineData("Australia/Lord_Howe", "2026-09-28", "2026-10-05")]  // either side of 4 October
    [InlineData("Asia/Kolkata", "2026-03-23", "2026-03-30")]
    public void SlotsKeepTheirLocalTimesAcrossDaylightSaving(string zone, string before, string after)
    {
        var availability = Mondays(zone);
        var now = Date(before).PlusDays(-7).AtMidnight().InZoneLeniently(availability.Zone).ToInstant();
        var slots = Slots.Free(availability, [], now, Date(before), Date(after));
        var times = slots.Select(s => s.Start.InZone(availability.Zone).LocalDateTime).ToList();
        Assert.Equal(
            [Date(before).At(new LocalTime(9, 0)), Date(before).At(new LocalTime(10, 0)), Date(before).At(new LocalTime(11, 0)),
             Date(after).At(new LocalTime(9, 0)), Date(after).At(new LocalTime(10, 0)), Date(after).At(new LocalTime(11, 0))],
            times);
    }

    [Fact]
    public void BookedTimeNoticeAndHorizonAreLeftOut()
    {
        var availability = Mondays("Europe/Berlin");
        var zone = availability.Zone;
        var now = new LocalDateTime(2026, 5, 3, 10, 30).InZoneLeniently(zone).ToInstant();   // Sunday: Monday 09:00 and 10:00 are within 24 h
        var booked = new Booked(new LocalDateTime(2026, 5, 11, 10, 0).InZoneLeniently(zone).ToInstant(), new LocalDateTime(2026, 5, 11, 10, 50).InZoneLeniently(zone).ToInstant(), "session");
        var slots = Slots.Free(availability, [booked], now, Date("2026-05-04"), Date("2026-12-31"))
            .Select(s => s.Start.InZone(zone).LocalDateTime).ToList();

        Assert.Equal(new LocalDateTime(2026, 5, 4, 11, 0), slots[0]);                     // 09:00 and 10:00 too soon
        Assert.DoesNotContain(new LocalDateTime(2026, 5, 11, 10, 0), slots);              // booked
        Assert.Contains(new LocalDateTime(2026, 5, 11, 9, 0), slots);                     // 09:50 + 10 min buffer = 10:00: fine
        Assert.True(slots.Max() <= new LocalDateTime(2026, 6, 28, 23, 59), "nothing past the 8-week horizon");
    }

    [Fact]
    public void ADayOffOrOtherHoursReplaceTheWeeklyPattern()
    {
        var weekly = Mondays("Asia/Kolkata");
        var availability = weekly with
        {
            Exceptions =
            [
                new DateOverride(Date("2026-05-11"), []),
                new DateOverride(Date("2026-05-18"), [(new LocalTime(15, 0), new LocalTime(16, 0))]),
            ],
        };
        var now = Instant.FromUtc(2026, 5, 1, 0, 0);
        var slots = Slots.Free(availability, [], now, Date("2026-05-11"), Date("2026-05-18")).Select(s => s.Start.InZone(availability.Zone).LocalDateTime).ToList();
        Assert.Equal([new LocalDateTime(2026, 5, 18, 15, 0)], slots);
    }

    // On a spring-forward night a start inside the gap moves forward onto the session before it; only one
    // of the two is offered, and no two offered slots ever overlap (Lord Howe, 4 October 2026, 02:00 → 02:30).
    [Theory]
    [InlineData("Australia/Lord_Howe", "2026-10-04", 30)]
    [InlineData("America/New_York", "2026-03-08", 60)]
    public void NoTwoSlotsOverlapOnASpringForwardNight(string zone, string date, int gapMinutes)
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var day = Date(date);
        var availability = new Availability(tz, [new Hours(day.DayOfWeek, new LocalTime(0, 30), new LocalTime(6, 0))], [],
            Duration.FromMinutes(50), Duration.FromMinutes(10), Duration.Zero, Period.FromWeeks(8));
        var slots = Slots.Free(availability, [], day.PlusDays(-3).AtStartOfDayInZone(tz).ToInstant(), day, day);
        for (var i = 1; i < slots.Count; i++)
            Assert.True(slots[i].Start >= slots[i - 1].End + Duration.FromMinutes(10), $"{slots[i - 1].Start}–{slots[i - 1].End} and {slots[i].Start}");
        // 00:30 … 05:00 local, one an hour, less the hour or half hour the clock skips.
        Assert.InRange(slots.Count, 5 - (gapMinutes + 59) / 60, 5);
    }
}
