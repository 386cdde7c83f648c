namespace SecureBase.Core.Statistics;

public static class Descriptive
{
    // Sample variance (n − 1) from running sums; fine for bounded questionnaire values.
    public static double SampleVariance(double sum, double sumOfSquares, int n) =>
        n < 2 ? double.NaN : Math.Max(0, (sumOfSquares - sum * sum / n) / (n - 1));

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("The median of no values is undefined.", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return MedianOfSorted(sorted);
    }

    /// <summary>The median of values already sorted ascending (not checked); throws on none.</summary>
    public static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0) throw new ArgumentException("The median of no values is undefined.", nameof(sorted));
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    // Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): enough for p-values shown to 3 places.
    public static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
