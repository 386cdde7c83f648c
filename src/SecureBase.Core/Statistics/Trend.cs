namespace SecureBase.Core.Statistics;

public enum TrendDirection
{
    Rising,
    Falling,
    NoClearTrend,
}

public sealed record TrendResult(
    int N,
    double? Slope,
    double? Lower,
    double? Upper,
    double? Intercept,
    double? KendallS,
    double? Z,
    double? PValue,
    string? NotEnoughDataReason)
{
    public bool HasEnoughData => NotEnoughDataReason is null;

    // Only a 95% interval that excludes zero is called a trend.
    public TrendDirection Direction => Lower > 0 ? TrendDirection.Rising : Upper < 0 ? TrendDirection.Falling : TrendDirection.NoClearTrend;
}

// Robust trend of a short series (weekly log metrics): the Theil–Sen slope with Sen's (1968) 95%
// interval, and the Mann–Kendall test. The interval indices follow scipy.stats.theilslopes, so its
// figures can be checked against that independent implementation.
public static class Trend
{
    // Below 6 points Sen's 95% interval spans every pairwise slope, so it says nothing.
    public const int MinimumPoints = 6;
    public const double Z95 = 1.959963984540054;

    public static TrendResult Estimate(IReadOnlyList<(double X, double Y)> points)
    {
        var distinctX = points.Select(p => p.X).Distinct().Count();
        if (points.Count < MinimumPoints || distinctX < MinimumPoints)
            return new TrendResult(points.Count, null, null, null, null, null, null, null,
                $"not enough data yet: a trend needs at least {MinimumPoints} points at different times, there are {distinctX}");

        var sorted = points.OrderBy(p => p.X).ToArray();
        var slopes = PairwiseSlopes(sorted);
        var variance = KendallVariance(sorted);
        var sigma = Math.Sqrt(variance);
        var upperIndex = Math.Min((int)Math.Round((slopes.Length + Z95 * sigma) / 2), slopes.Length - 1);
        var lowerIndex = Math.Max((int)Math.Round((slopes.Length - Z95 * sigma) / 2) - 1, 0);

        // Only four order statistics of the slopes are needed, so they are selected in place (each selection leaves
        // everything before its index no larger and everything after no smaller), not sorted: five years of weeks
        // are 33,670 slopes (issue 11). The same values a full sort would give.
        int n = slopes.Length, mid = n / 2;
        var lower = SelectInPlace(slopes, lowerIndex, 0);
        var low = n % 2 == 1 ? SelectInPlace(slopes, mid, lowerIndex) : SelectInPlace(slopes, mid - 1, lowerIndex);
        var slope = n % 2 == 1 ? low : (low + SelectInPlace(slopes, mid, mid)) / 2;
        var upper = SelectInPlace(slopes, upperIndex, Math.Min(mid, upperIndex));
        var intercept = Descriptive.Median(sorted.Select(p => p.Y).ToArray()) - slope * Descriptive.Median(sorted.Select(p => p.X).ToArray());

        var s = KendallS(sorted);
        var z = s > 0 ? (s - 1) / sigma : s < 0 ? (s + 1) / sigma : 0;
        var p = 2 * (1 - Descriptive.NormalCdf(Math.Abs(z)));
        return new TrendResult(points.Count, slope, lower, upper, intercept, s, z, p, null);
    }

    // Every slope between two points at different times, unordered.
    static double[] PairwiseSlopes((double X, double Y)[] sorted)
    {
        var slopes = new double[sorted.Length * (sorted.Length - 1) / 2];
        var n = 0;
        for (var i = 0; i < sorted.Length; i++)
            for (var j = i + 1; j < sorted.Length; j++)
                if (sorted[j].X > sorted[i].X) slopes[n++] = (sorted[j].Y - sorted[i].Y) / (sorted[j].X - sorted[i].X);
        Array.Resize(ref slopes, n);
        return slopes;
    }

    // Hoare's quickselect: puts the k-th smallest value at index k, with nothing larger before it and nothing smaller
    // after it, looking only at values[from..] (the caller guarantees everything before `from` is no larger).
    static double SelectInPlace(double[] values, int k, int from)
    {
        int left = from, right = values.Length - 1;
        while (right > left)
        {
            var pivot = MedianOfThree(values[left], values[left + (right - left) / 2], values[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) { (values[i], values[j]) = (values[j], values[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return values[k];
    }

    static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    static double KendallS((double X, double Y)[] sorted)
    {
        double s = 0;
        for (var i = 0; i < sorted.Length; i++)
            for (var j = i + 1; j < sorted.Length; j++)
                s += Math.Sign(sorted[j].Y - sorted[i].Y);
        return s;
    }

    // Var(S) with the correction for tied groups (Sen 1968, eq. 2.6), ties in x and y as scipy does.
    static double KendallVariance((double X, double Y)[] sorted)
    {
        double n = sorted.Length;
        static double Ties(IEnumerable<double> values) =>
            values.GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * (t - 1) * (2 * t + 5));
        return (n * (n - 1) * (2 * n + 5) - Ties(sorted.Select(p => p.X)) - Ties(sorted.Select(p => p.Y))) / 18;
    }
}
