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

/// <summary>A month's expectations over every relationship: how many, and how far expected care (mean %) was from the share met with care (%), either way.</summary>
public sealed record MonthGap(DateOnly Month, int Count, double AbsoluteGapPercent);

public static class Calibration
{
    /// <summary>
    /// Per month in time order, all relationships together: |mean expected care − share met with care|, in
    /// percentage points. The working model updating shows as this falling, whichever side it starts on.
    /// Expectations without an outcome, or whose moment never came, do not count (as in Compute).
    /// </summary>
    public static IReadOnlyList<MonthGap> GapByMonth(IEnumerable<Expectation> expectations, DateTimeZone zone) =>
        expectations
            .Where(e => e.Outcome is not (null or Outcome.DidNotHappen))
            .GroupBy(e => MonthOf(e.RecordedAt, zone))
            .Select(g => new MonthGap(g.Key, g.Count(), Math.Abs(g.Average(e => e.ExpectedCarePercent) - 100.0 * g.Count(e => e.Outcome == Outcome.Care) / g.Count())))
            .OrderBy(m => m.Month)
            .ToList();

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
