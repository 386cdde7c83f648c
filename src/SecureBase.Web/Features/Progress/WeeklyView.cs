using SecureBase.Core.ActivationLog;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Web.Features.Charts;

namespace SecureBase.Web.Features.Progress;

// The weekly metrics as both the client (Progress) and their therapist (Weekly tab) see them: the same
// five trends, the same two charts, the same words, so the two pages never disagree.
public static class WeeklyView
{
    public static IReadOnlyList<MetricTrend> TrendsOf(IReadOnlyList<WeekMetrics> weeks) =>
    [
        new("Moments per week", WeeklyMetrics.TrendOf(weeks, w => w.Count), Better.Lower, "moments"),
        new("Median intensity", WeeklyMetrics.TrendOf(weeks, w => w.MedianIntensity), Better.Lower, "points"),
        new("Noticed in the moment", WeeklyMetrics.TrendOf(weeks, w => w.ShareNoticedInTheMoment * 100), Better.Higher, "percentage points"),
        new("Chose a new response", WeeklyMetrics.TrendOf(weeks, w => w.ShareWithNewResponse * 100), Better.Higher, "percentage points"),
        new("Median minutes to settle", WeeklyMetrics.TrendOf(weeks, w => w.MedianMinutesToSettle), Better.Lower, "minutes"),
    ];

    // Moments and median intensity; shares of new responses and of noticing in the moment. Weeks in time order.
    public static (string Frequency, string Shares) ChartsOf(ChartCache charts, IReadOnlyList<WeekMetrics> weeks)
    {
        var dates = weeks.Select(w => w.WeekStart).ToList();
        var frequency = charts.Weekly(dates, 0, Math.Max(10, weeks.Max(w => w.Count) + 1), "per week",
            new WeeklySeries("Moments", weeks.Select(w => (double?)w.Count).ToArray(), WeeklyChart.Blue),
            new WeeklySeries("Median intensity (0–10)", weeks.Select(w => w.MedianIntensity).ToArray(), WeeklyChart.Orange));
        var shares = charts.Weekly(dates, 0, 100, "% of the week's moments",
            new WeeklySeries("Chose a new response", weeks.Select(w => w.ShareWithNewResponse * 100).ToArray(), WeeklyChart.Blue),
            new WeeklySeries("Noticed in the moment", weeks.Select(w => w.ShareNoticedInTheMoment * 100).ToArray(), WeeklyChart.Orange));
        return (frequency, shares);
    }

    public static string Describe(MetricTrend m)
    {
        if (!m.Trend.HasEnoughData) return m.Trend.NotEnoughDataReason!;
        var per = $"{m.Trend.Slope:+0.00;−0.00;0.00} {m.Unit} a week (95% interval {m.Trend.Lower:0.00;−0.00;0.00} to {m.Trend.Upper:0.00;−0.00;0.00})";
        return m.Trend.Direction switch
        {
            TrendDirection.NoClearTrend => $"no clear trend yet: {per}",
            TrendDirection.Falling => $"falling{(m.Better == Better.Lower ? ", the direction of change" : "")}: {per}",
            _ => $"rising{(m.Better == Better.Higher ? ", the direction of change" : "")}: {per}",
        };
    }
}
