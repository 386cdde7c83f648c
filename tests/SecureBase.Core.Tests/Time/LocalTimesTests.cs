using NodaTime;
using SecureBase.Core.Time;

namespace SecureBase.Core.Tests.Time;

public class LocalTimesTests
{
    // zone, local time, expected instant (UTC). Gaps of 30 minutes, 1 hour and 2 hours; overlaps the same.
    public static TheoryData<string, string, string> Cases => new()
    {
        // Australia/Lord_Howe: 02:00 → 02:30 on 2025-10-05 (+10:30 → +11:00), a 30-minute gap.
        { "Australia/Lord_Howe", "2025-10-05T02:15", "2025-10-04T15:45Z" },   // moved forward 30 min: 02:45 +11:00
        { "Australia/Lord_Howe", "2025-10-05T01:59", "2025-10-04T15:29Z" },   // before the gap, +10:30
        { "Australia/Lord_Howe", "2025-10-05T02:31", "2025-10-04T15:31Z" },   // after the gap, +11:00
        // Lord Howe back: 02:00 → 01:30 on 2025-04-06; 01:45 shows twice: the earlier (+11:00).
        { "Australia/Lord_Howe", "2025-04-06T01:45", "2025-04-05T14:45Z" },
        // America/New_York: 02:00 → 03:00 on 2025-03-09 (one hour); 01:30 twice on 2025-11-02.
        { "America/New_York", "2025-03-09T02:30", "2025-03-09T07:30Z" },      // 03:30 -04:00
        { "America/New_York", "2025-11-02T01:30", "2025-11-02T05:30Z" },      // the first 01:30, -04:00
        // Europe/Berlin: 02:00 → 03:00 on 2025-03-30.
        { "Europe/Berlin", "2025-03-30T02:10", "2025-03-30T01:10Z" },
        // Antarctica/Troll: +00:00 → +02:00 at 01:00 UTC on 2025-03-30, a two-hour gap (01:00–03:00 local).
        { "Antarctica/Troll", "2025-03-30T01:30", "2025-03-30T01:30Z" },      // 03:30 +02:00
        { "Antarctica/Troll", "2025-03-30T02:59", "2025-03-30T02:59Z" },      // 04:59 +02:00
        // Troll back: +02:00 → +00:00 at 01:00 UTC on 2025-10-26; 01:30 local showed twice: the earlier.
        { "Antarctica/Troll", "2025-10-26T01:30", "2025-10-25T23:30Z" },
        // Asia/Kolkata: no daylight saving, half-hour offset.
        { "Asia/Kolkata", "2025-06-01T09:00", "2025-06-01T03:30Z" },
        // Australia/Sydney: southern hemisphere, forward on 2025-10-05 02:00 → 03:00.
        { "Australia/Sydney", "2025-10-05T02:30", "2025-10-04T16:30Z" },
    };

    // zone, local time, whether it showed on the clock: gaps of 30 minutes, 1 and 2 hours, their edges, an overlap.
    public static TheoryData<string, string, bool> Existence => new()
    {
        { "Europe/London", "2027-03-28T01:30", false },
        { "Europe/London", "2027-03-28T00:59", true },
        { "Europe/London", "2027-03-28T02:00", true },
        { "Europe/London", "2027-10-31T01:30", true },      // twice, but it exists
        { "Australia/Lord_Howe", "2025-10-05T02:15", false },
        { "Australia/Lord_Howe", "2025-10-05T02:30", true },
        { "Antarctica/Troll", "2025-03-30T02:59", false },
        { "Asia/Kolkata", "2025-06-01T02:30", true },
    };

    [Theory, MemberData(nameof(Existence))]
    public void ALocalTimeExistsUnlessItFallsInAGap(string zone, string local, bool exists) =>
        Assert.Equal(exists, LocalTimes.Exists(LocalDateTime.FromDateTime(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)), Zones.Find(zone)));

    [Theory, MemberData(nameof(Cases))]
    public void ResolvesEveryLocalTimeByOneRule(string zone, string local, string expected)
    {
        var time = LocalDateTime.FromDateTime(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, LocalTimes.ToInstant(time, Zones.Find(zone)).ToString("uuuu-MM-dd'T'HH:mm'Z'", null));
    }

    [Fact]
    public void AGapTimeIsTheTimeAClockSetBeforeTheJumpWouldShow()
    {
        var zone = Zones.Find("Australia/Lord_Howe");
        Instant At(int h, int m) => LocalTimes.ToInstant(new LocalDateTime(2025, 10, 5, h, m), zone);
        Assert.Equal(At(2, 45), At(2, 15));
        Assert.True(At(1, 59) < At(2, 15));
        Assert.True(At(2, 15) < At(2, 50));
        Assert.Equal(TimeSpan.FromMinutes(30), (At(2, 30) - At(2, 0)).ToTimeSpan() + TimeSpan.FromMinutes(30));   // 02:00 and 02:30 are one instant
    }
}

public class ZonesTests
{
    [Theory]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    [InlineData("Europe/Kiev", "Europe/Kyiv")]
    [InlineData("America/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Saigon", "Asia/Ho_Chi_Minh")]
    [InlineData("Asia/Katmandu", "Asia/Kathmandu")]
    [InlineData("UTC", "Etc/UTC")]
    [InlineData("Europe/London", "Europe/London")]
    [InlineData(" Europe/Berlin ", "Europe/Berlin")]
    public void AnyNameOrAliasGivesItsCanonicalId(string name, string canonical) =>
        Assert.Equal(canonical, Zones.Canonical(name));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("europe/berlin")]
    public void AnUnknownNameIsNotSilentlyAnotherZone(string? name) => Assert.Null(Zones.Canonical(name));

    [Fact]
    public void TheChoicesAreCanonicalAndListTheirAliases()
    {
        Assert.Contains("Asia/Kolkata", Zones.CanonicalIds);
        Assert.DoesNotContain("Asia/Calcutta", Zones.CanonicalIds);
        Assert.Contains("Etc/UTC", Zones.CanonicalIds);
        Assert.Contains("Asia/Calcutta", Zones.AliasesOf("Asia/Kolkata"));
        Assert.All(Zones.CanonicalIds, id => Assert.Equal(id, Zones.Canonical(id)));
    }
}
