using System.Globalization;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Progress;
using SecureBase.Core.Time;
using SecureBase.Core.WorkingModel;

namespace SecureBase.Core.Tests.Progress;

public class ProgressPeriodTests
{
    static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    // Period, now (UTC), zone → its first Monday and the instant (UTC) it starts.
    [Theory]
    [InlineData(ProgressPeriod.ThreeMonths, "2026-11-30T12:00Z", "Europe/Berlin", "2026-09-07", "2026-09-06T22:00Z")]     // summer time at the start
    [InlineData(ProgressPeriod.SixMonths, "2026-11-30T12:00Z", "Europe/Berlin", "2026-06-08", "2026-06-07T22:00Z")]
    [InlineData(ProgressPeriod.OneYear, "2026-11-30T12:00Z", "UTC", "2025-12-08", "2025-12-08T00:00Z")]
    [InlineData(ProgressPeriod.ThreeMonths, "2026-11-29T22:00Z", "Pacific/Auckland", "2026-09-07", "2026-09-06T12:00Z")]  // already Monday 30 Nov there
    [InlineData(ProgressPeriod.ThreeMonths, "2026-11-30T03:00Z", "America/New_York", "2026-08-31", "2026-08-31T04:00Z")]  // still Sunday 29 Nov there
    [InlineData(ProgressPeriod.ThreeMonths, "2026-01-08T12:00Z", "America/Sao_Paulo", "2025-10-13", "2025-10-13T03:00Z")]
    public void APeriodIsWholeWeeksEndingWithThisOneInThePersonsZone(ProgressPeriod period, string now, string zone, string firstWeek, string instant)
    {
        var start = ProgressPeriods.StartOf(period, At(now), Zones.Find(zone))!;
        Assert.Equal(DateOnly.Parse(firstWeek, CultureInfo.InvariantCulture), start.FirstWeek);
        Assert.Equal(At(instant), start.Instant);
    }

    [Fact]
    public void EverythingHasNoStart() => Assert.Null(ProgressPeriods.StartOf(ProgressPeriod.Everything, At("2026-11-30T12:00Z"), Zones.Find("UTC")));

    [Fact]
    public void RollingSharesPoolTheMomentsOfFourWeeksNotTheirShares()
    {
        var monday = new DateOnly(2026, 1, 5);
        WeekMetrics Week(int i, int count, double? newShare, int noted, double? noticedShare) =>
            new(monday.AddDays(7 * i), count, null, noticedShare, newShare, null, noted);
        var weeks = new List<WeekMetrics>
        {
            Week(0, 10, 0.0, 10, 0.0),     // 0 of 10
            Week(1, 0, null, 0, null),     // a quiet week counts nothing
            Week(2, 2, 1.0, 0, null),      // 2 of 2; when noticed not said
            Week(3, 4, 0.5, 4, 0.75),      // 2 of 4; 3 of 4 noticed in the moment
            Week(4, 0, null, 0, null),
        };
        var rolling = WeeklyMetrics.RollingShares(weeks);
        Assert.Equal([0.0, 0.0, 2 / 12.0, 4 / 16.0, 4 / 6.0], rolling.Select(r => r.NewResponse!.Value));
        Assert.Equal([0.0, 0.0, 0.0, 3 / 14.0, 3 / 4.0], rolling.Select(r => r.NoticedInTheMoment!.Value));
        Assert.Null(WeeklyMetrics.RollingShares([Week(0, 0, null, 0, null)])[0].NewResponse);
    }

    [Fact]
    public void TheCareGapPoolsRelationshipsPerMonthWhicheverSideItIsOn()
    {
        var zone = Zones.Find("UTC");
        var gaps = Calibration.GapByMonth(
        [
            new(Relationship.Partner, At("2026-03-02T12:00Z"), 20, Outcome.Care),
            new(Relationship.Friend, At("2026-03-09T12:00Z"), 40, Outcome.Care),      // March: expected 30, met 100 → 70
            new(Relationship.Partner, At("2026-04-02T12:00Z"), 90, Outcome.NotCare),  // April: expected 90, met 0 → 90
            new(Relationship.Partner, At("2026-04-03T12:00Z"), 10, Outcome.DidNotHappen),
            new(Relationship.Partner, At("2026-05-03T12:00Z"), 10, null),
        ], zone);
        Assert.Equal([new MonthGap(new DateOnly(2026, 3, 1), 2, 70), new MonthGap(new DateOnly(2026, 4, 1), 1, 90)], gaps);
    }
}
