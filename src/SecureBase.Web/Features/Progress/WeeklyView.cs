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

    // Moments and median intensity; shares of new responses and of noticing in the moment, each a 4-week pooled
    // line over its raw weeks drawn faint (a week of two moments swings 0–100%). Weeks in time order; the rolling
    // value of the first shown week uses the weeks before it, so pass them and say where showing starts.
    public static (string Frequency, string Shares) ChartsOf(ChartCache charts, IReadOnlyList<WeekMetrics> weeks, DateOnly? showFrom = null)
    {
        var rolling = WeeklyMetrics.RollingShares(weeks).Where(r => showFrom is null || r.WeekStart >= showFrom).ToList();
        var shown = weeks.Where(w => showFrom is null || w.WeekStart >= showFrom).ToList();
        var dates = shown.Select(w => w.WeekStart).ToList();
        var frequency = charts.Weekly(dates, 0, Math.Max(10, shown.Max(w => w.Count) + 1), "per week",
            new WeeklySeries("Moments", shown.Select(w => (double?)w.Count).ToArray(), WeeklyChart.Blue),
            new WeeklySeries("Median intensity (0–10)", shown.Select(w => w.MedianIntensity).ToArray(), WeeklyChart.Orange));
        var shares = charts.Weekly(dates, 0, 100, "% of moments",
            new WeeklySeries("New response", shown.Select(w => w.ShareWithNewResponse * 100).ToArray(), WeeklyChart.Blue, Faint: true),
            new WeeklySeries("Noticed in the moment", shown.Select(w => w.ShareNoticedInTheMoment * 100).ToArray(), WeeklyChart.Orange, Faint: true),
            new WeeklySeries("New response", rolling.Select(r => r.NewResponse * 100).ToArray(), WeeklyChart.Blue),
            new WeeklySeries("Noticed in the moment", rolling.Select(r => r.NoticedInTheMoment * 100).ToArray(), WeeklyChart.Orange));
        return (frequency, shares);
    }

    public const string SharesCaption = "Share of moments met with a new response, and, of the moments where you noted when you noticed, "
        + "the share noticed in the moment: each line pools four weeks; the faint lines are the single weeks.";

    public static string Describe(MetricTrend m) => Describe(m.Trend, m.Better, $"{m.Unit} a week");

    // A trend in plain words: its direction (and whether that is the direction of change), the slope per
    // unit of time and its 95% interval; or why there is none yet. Weekly metrics and own questionnaire trends.
    public static string Describe(TrendResult trend, Better better, string per)
    {
        if (!trend.HasEnoughData) return trend.NotEnoughDataReason!;
        var slope = $"{ChangeWords.Slope(trend.Slope)} {per} (95% interval {ChangeWords.Bound(trend.Lower)} to {ChangeWords.Bound(trend.Upper)})";
        return trend.Direction switch
        {
            TrendDirection.NoClearTrend => $"no clear trend yet: {slope}",
            TrendDirection.Falling => $"falling{(better == Better.Lower ? ", the direction of change" : "")}: {slope}",
            _ => $"rising{(better == Better.Higher ? ", the direction of change" : "")}: {slope}",
        };
    }
}
