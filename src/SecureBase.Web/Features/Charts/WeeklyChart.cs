using ScottPlot;

namespace SecureBase.Web.Features.Charts;

// Faint: drawn thin and pale without markers or a legend entry, behind the others (the raw weeks under a rolling line).
public sealed record WeeklySeries(string Name, double?[] Values, Color Color, bool Faint = false);

// Weekly metrics as lines over the weeks; a week without a value leaves a gap, not a zero.
public static class WeeklyChart
{
    public static readonly Color Blue = new(11, 92, 173);
    public static readonly Color Orange = new(176, 82, 0);

    // Drawn at about the width a phone shows it (317–343 px of a 375 px screen), so 14 px text stays at least
    // 12 px as displayed there (issue 11); wider screens cap the figure at 36rem (site.css).
    public const int Width = 360;
    public const float TextSize = 14;

    public static string Render(IReadOnlyList<DateOnly> weeks, double yMin, double yMax, string yLabel, params WeeklySeries[] series)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var xs = weeks.Select(w => w.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        foreach (var s in series.OrderByDescending(s => s.Faint))
        {
            var ys = s.Values.Select(v => v ?? double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.Color = s.Faint ? s.Color.WithAlpha(0.35) : s.Color;
            line.LineWidth = s.Faint ? 1 : 2.5f;
            line.MarkerSize = s.Faint || weeks.Count > 40 ? 0 : 4;
            if (!s.Faint) line.LegendText = s.Name;
        }
        // Ticks on week starts only (never hours within a week), at most three so the labels never collide at
        // this width, in one unambiguous date format whatever the server's culture ("9 Mar 2026", as in the tables).
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling(weeks.Count / 3.0));
        for (var i = 0; i < weeks.Count; i += step)
            ticks.AddMajor(xs[i], weeks[i].ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TextSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TextSize;
        plot.Axes.Left.Label.FontSize = TextSize;
        // Room either side so the first and last points are whole, not cut by the frame.
        var padX = Math.Max(3.5, (xs[^1] - xs[0]) * 0.03);
        plot.Axes.SetLimitsX(xs[0] - padX, xs[^1] + padX);
        var padY = (yMax - yMin) * 0.04;
        plot.Axes.SetLimitsY(yMin - padY, yMax + padY);
        plot.YLabel(yLabel);
        // Below the plot, never over the data.
        plot.Legend.FontSize = TextSize;
        if (series.Count(s => !s.Faint) > 1) plot.ShowLegend(Edge.Bottom);
        return Svg.Inline(plot.GetSvgXml(Width, 300));
    }
}
