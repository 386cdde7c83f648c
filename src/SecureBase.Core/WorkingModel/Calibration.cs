using NodaTime;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Time;

namespace SecureBase.Core.WorkingModel;

// Expected against actual rate of care, per relationship and month. The working model updating shows
// as the gap closing. Only expectations with an outcome count; "mixed" is its own share, not half care.
public sealed record CalibrationPoint(
    Relationship Relationship,
    DateOnly Month,
    int Count,
    double MeanExpectedPercent,
    double ActualCarePercent,
    double MixedPercent)
{
    public double GapPercent => MeanExpectedPercent - ActualCarePercent;
}

public static class Calibration
{
    public static IReadOnlyList<CalibrationPoint> Compute(IEnumerable<Expectation> expectations, DateTimeZone zone) =>
        expectations
            .Where(e => e.Outcome is not (null or Outcome.DidNotHappen))
            .GroupBy(e => (e.Relationship, Month: MonthOf(e.RecordedAt, zone)))
            .Select(g => new CalibrationPoint(
                g.Key.Relationship,
                g.Key.Month,
                g.Count(),
                g.Average(e => e.ExpectedCarePercent),
                100.0 * g.Count(e => e.Outcome == Outcome.Care) / g.Count(),
                100.0 * g.Count(e => e.Outcome == Outcome.Mixed) / g.Count()))
            .OrderBy(p => p.Relationship).ThenBy(p => p.Month)
            .ToList();

    public static DateOnly MonthOf(DateTimeOffset instant, DateTimeZone zone)
    {
        var local = LocalTimes.DateIn(instant, zone);
        return new DateOnly(local.Year, local.Month, 1);
    }
}
