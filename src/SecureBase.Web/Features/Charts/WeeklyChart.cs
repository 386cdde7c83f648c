using ScottPlot;

namespace SecureBase.Web.Features.Charts;

public sealed record WeeklySeries(string Name, double?[] Values, Color Color);

// Weekly metrics as lines over the weeks; a week without a value leaves a gap, not a zero.
public static class WeeklyChart
{
    public static readonly Color Blue = new(11, 92, 173);
    public static readonly Color Orange = new(176, 82, 0);

    public static string Render(IReadOnlyList<DateOnly> weeks, double yMin, double yMax, string yLabel, params WeeklySeries[] series)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var xs = weeks.Select(w => w.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        foreach (var s in series)
        {
            var ys = s.Values.Select(v => v ?? double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = s.Name;
            line.Color = s.Color;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }
        // Ticks on week starts only (never hours within a week), at most about five, in one unambiguous
        // date format whatever the server's culture ("9 Mar 2026", as in the tables).
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling(weeks.Count / 5.0));
        for (var i = 0; i < weeks.Count; i += step)
            ticks.AddMajor(xs[i], weeks[i].ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        if (weeks.Count == 1) plot.Axes.SetLimitsX(xs[0] - 3.5, xs[0] + 3.5);   // one week: a little room either side
        plot.Axes.SetLimitsY(yMin, yMax);
        plot.YLabel(yLabel);
        if (series.Length > 1) plot.ShowLegend(Alignment.UpperLeft);
        return Svg.Inline(plot.GetSvgXml(480, 300));
    }
}
