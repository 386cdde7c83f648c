using ScottPlot;

namespace SecureBase.Web.Features.Charts;

public sealed record PlanePointAt(DateTimeOffset When, double Anxiety, double Avoidance);

// The anxiety × avoidance plane: avoidance across, anxiety up, the scale midpoint dashed, the person's
// administrations joined in time order; the latest one larger when it is the one being shown.
public static class PlaneChart
{
    public static string Render(IReadOnlyList<PlanePointAt> points, double min = 1, double max = 7, bool highlightLast = true)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var mid = (min + max) / 2;
        foreach (var line in new ScottPlot.Plottables.AxisLine[] { plot.Add.VerticalLine(mid), plot.Add.HorizontalLine(mid) })
        {
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
        }
        AddCornerLabel(plot, min + 0.1, min + 0.2, "secure", Alignment.LowerLeft);
        // Two lines each: on one, the names reached across the midline into the next quadrant at phone width.
        AddCornerLabel(plot, min + 0.1, max - 0.2, "anxious–\npreoccupied", Alignment.UpperLeft);
        AddCornerLabel(plot, max - 0.1, min + 0.2, "dismissing–\navoidant", Alignment.LowerRight);
        AddCornerLabel(plot, max - 0.1, max - 0.2, "fearful–\navoidant", Alignment.UpperRight);

        if (points.Count > 0)
        {
            var path = plot.Add.Scatter(points.Select(p => p.Avoidance).ToArray(), points.Select(p => p.Anxiety).ToArray());
            path.Color = new Color(11, 92, 173);
            path.LineWidth = 2;
            path.MarkerSize = 6;
            if (highlightLast)
            {
                var last = points[^1];
                var now = plot.Add.Marker(last.Avoidance, last.Anxiety, MarkerShape.FilledCircle, 12);
                now.Color = new Color(11, 92, 173);
            }
        }
        plot.Axes.SetLimits(min, max, min, max);
        plot.XLabel("Avoidance (discomfort with closeness)");
        plot.YLabel("Anxiety (worry about rejection)");
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = WeeklyChart.TextSize;
            axis.Label.FontSize = WeeklyChart.TextSize;
        }
        // The width a phone shows (WeeklyChart.Width), so its text stays at least 12 px there.
        return Svg.Inline(plot.GetSvgXml(WeeklyChart.Width, 340));
    }

    static void AddCornerLabel(Plot plot, double x, double y, string text, Alignment alignment)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelAlignment = alignment;
        label.LabelFontColor = new Color(74, 83, 96);
        label.LabelFontSize = WeeklyChart.TextSize;
    }
}
