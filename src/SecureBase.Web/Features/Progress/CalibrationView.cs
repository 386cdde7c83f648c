using SecureBase.Core.ActivationLog;
using SecureBase.Core.WorkingModel;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Charts;

namespace SecureBase.Web.Features.Progress;

// Expected against actual care by relationship and month, as the client (Progress) and their therapist
// (Expectations tab) both see it: Core Calibration, one chart per relationship with two months or more.
public sealed record CalibrationView(IReadOnlyList<CalibrationPoint> Points, IReadOnlyList<(Relationship Relationship, string Svg)> Charts, string Whose)
{
    public static CalibrationView Of(ChartCache charts, IEnumerable<ExpectationEntry> entries, NodaTime.DateTimeZone zone, string whose)
    {
        var points = Calibration.Compute(entries.Where(e => e.ExpectedCarePercent != null).Select(e => e.ToExpectation()!), zone);
        var drawn = points.GroupBy(p => p.Relationship).Where(g => g.Count() > 1)
            .Select(g => (g.Key, charts.Weekly(g.Select(p => p.Month).ToList(), 0, 100, "% of moments",
                new WeeklySeries("Expected care", g.Select(p => (double?)p.MeanExpectedPercent).ToArray(), WeeklyChart.Orange),
                new WeeklySeries("Met with care", g.Select(p => (double?)p.ActualCarePercent).ToArray(), WeeklyChart.Blue)))).ToList();
        return new CalibrationView(points, drawn, whose);
    }
}
