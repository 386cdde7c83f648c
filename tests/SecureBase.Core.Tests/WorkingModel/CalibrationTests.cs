using SecureBase.Core.ActivationLog;
using SecureBase.Core.WorkingModel;

namespace SecureBase.Core.Tests.WorkingModel;

public class CalibrationTests
{
    static readonly NodaTime.DateTimeZone NewYork = SecureBase.Core.Time.Zones.Find("America/New_York");

    static Expectation At(string utc, int expected, Outcome? outcome, Relationship r = Relationship.Partner) =>
        new(r, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), expected, outcome);

    [Fact]
    public void ComparesMeanExpectationWithTheShareThatMetWithCarePerMonth()
    {
        var points = Calibration.Compute(
        [
            At("2026-03-02T12:00Z", 20, Outcome.Care),
            At("2026-03-09T12:00Z", 30, Outcome.NotCare),
            At("2026-03-16T12:00Z", 40, Outcome.Care),
            At("2026-03-23T12:00Z", 10, Outcome.Mixed),
            At("2026-03-30T12:00Z", 90, null),            // no outcome yet: not counted
            At("2026-03-31T12:00Z", 95, Outcome.DidNotHappen),   // the moment never came: no response to count
        ], NewYork);
        var march = Assert.Single(points);
        Assert.Equal(new DateOnly(2026, 3, 1), march.Month);
        Assert.Equal(4, march.Count);
        Assert.Equal(25, march.MeanExpectedPercent);
        Assert.Equal(50, march.ActualCarePercent);
        Assert.Equal(25, march.MixedPercent);
        Assert.Equal(-25, march.GapPercent);
    }

    [Fact]
    public void MonthsFollowThePersonsTimeZone()
    {
        // 03:00 UTC on 1 April is still 31 March in New York.
        var point = Assert.Single(Calibration.Compute([At("2026-04-01T03:00Z", 50, Outcome.Care)], NewYork));
        Assert.Equal(new DateOnly(2026, 3, 1), point.Month);
    }

    [Fact]
    public void RelationshipsAreKeptApart()
    {
        var points = Calibration.Compute([At("2026-03-02T12:00Z", 20, Outcome.Care), At("2026-03-02T12:00Z", 80, Outcome.NotCare, Relationship.Family)], NewYork);
        Assert.Equal([Relationship.Partner, Relationship.Family], points.Select(p => p.Relationship));
    }
}
