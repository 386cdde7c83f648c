using SecureBase.Core.Statistics;

namespace SecureBase.Core.Tests.Statistics;

// Expected figures from scipy 1.10 (stats.theilslopes, and Mann–Kendall S, Var(S), Z and p computed
// with numpy and stats.norm.cdf), an implementation independent of ours.
public class TrendTests
{
    static (double, double)[] Series(double[] x, double[] y) => x.Zip(y).ToArray();

    public static TheoryData<double[], double[], double, double, double, double, double, double> Cases => new()
    {
        { [0, 1, 2, 3, 4, 5, 6, 7], [3, 4, 4, 6, 5, 7, 8, 8], 0.775, 2.7875, 0.5, 1.0, 24, 0.0038512914 },
        { [0, 1, 2, 3, 4, 5], [5, 3, 6, 4, 5, 4], 0.0, 4.5, -2.0, 1.0, -1, 1.0 },
        { [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [7, 7, 6, 6, 6, 5, 5, 4, 4, 3], -0.4285714286, 7.4285714286, -0.5, -0.3333333333, -39, 0.0004771741 },
        { [0, 2, 3, 7, 8, 12], [1.5, 2.0, 1.0, 3.5, 3.0, 4.0], 0.2083333333, 1.4583333333, -0.5, 0.4, 9, 0.1328549557 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void MatchesScipyTheilSlopesAndMannKendall(double[] x, double[] y, double slope, double intercept, double lower, double upper, double s, double p)
    {
        var trend = Trend.Estimate(Series(x, y));
        Assert.True(trend.HasEnoughData);
        Assert.Equal(slope, trend.Slope!.Value, precision: 8);
        Assert.Equal(intercept, trend.Intercept!.Value, precision: 8);
        Assert.Equal(lower, trend.Lower!.Value, precision: 8);
        Assert.Equal(upper, trend.Upper!.Value, precision: 8);
        Assert.Equal(s, trend.KendallS);
        Assert.Equal(p, trend.PValue!.Value, precision: 6);
    }

    [Fact]
    public void OrderOfInputDoesNotMatter()
    {
        var forward = Trend.Estimate(Series([0, 1, 2, 3, 4, 5, 6, 7], [3, 4, 4, 6, 5, 7, 8, 8]));
        var shuffled = Trend.Estimate(Series([5, 2, 7, 0, 3, 6, 1, 4], [7, 4, 8, 3, 6, 8, 4, 5]));
        Assert.Equal(forward, shuffled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void FewerThanSixPointsIsNotEnoughData(int n)
    {
        var trend = Trend.Estimate(Enumerable.Range(0, n).Select(i => ((double)i, (double)i)).ToArray());
        Assert.False(trend.HasEnoughData);
        Assert.Null(trend.Slope);
        Assert.Contains("not enough data yet", trend.NotEnoughDataReason, StringComparison.Ordinal);
        Assert.Equal(TrendDirection.NoClearTrend, trend.Direction);
    }

    [Fact]
    public void SixPointsAtTheSameTimeAreNotASeries() =>
        Assert.False(Trend.Estimate(Enumerable.Range(0, 6).Select(i => (1.0, (double)i)).ToArray()).HasEnoughData);

    [Fact]
    public void AConstantSeriesHasZeroSlopeAndNoClearTrend()
    {
        var trend = Trend.Estimate(Enumerable.Range(0, 8).Select(i => ((double)i, 4.0)).ToArray());
        Assert.Equal(0, trend.Slope);
        Assert.Equal(TrendDirection.NoClearTrend, trend.Direction);
    }

    [Theory]
    [InlineData(1, TrendDirection.Rising)]
    [InlineData(-1, TrendDirection.Falling)]
    public void AClearMonotoneSeriesHasADirection(double sign, TrendDirection expected) =>
        Assert.Equal(expected, Trend.Estimate(Series([0, 1, 2, 3, 4, 5, 6, 7], new double[] { 3, 4, 4, 6, 5, 7, 8, 8 }.Select(v => sign * v).ToArray())).Direction);

    [Theory]
    [InlineData(1.0, 0.8413447461)]
    [InlineData(-2.5, 0.0062096653)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(0.0, 0.5)]
    public void NormalCdfMatchesScipy(double z, double expected) =>
        Assert.Equal(expected, Descriptive.NormalCdf(z), precision: 6);

    // The slope and interval are order statistics picked out by selection, not a sort (issue 11's five-year page):
    // on many random series, with ties in x and y, odd and even slope counts, they equal those of the sorted slopes.
    [Fact]
    public void SelectedOrderStatisticsEqualThoseOfTheSortedSlopes()
    {
        var random = new Random(7);
        for (var run = 0; run < 300; run++)
        {
            var n = random.Next(6, 90);
            var points = Enumerable.Range(0, n).Select(i => ((double)(i / (1 + run % 3)), Math.Round(random.NextDouble() * 10, run % 2))).ToArray();
            var trend = Trend.Estimate(points);
            if (!trend.HasEnoughData) continue;
            var slopes = new List<double>();
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                    if (points[j].Item1 > points[i].Item1) slopes.Add((points[j].Item2 - points[i].Item2) / (points[j].Item1 - points[i].Item1));
            slopes.Sort();
            var mid = slopes.Count / 2;
            var median = slopes.Count % 2 == 1 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
            static double Ties(IEnumerable<double> values) =>
                values.GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * (t - 1) * (2 * t + 5));
            var sigma = Math.Sqrt(((double)n * (n - 1) * (2 * n + 5) - Ties(points.Select(p => p.Item1)) - Ties(points.Select(p => p.Item2))) / 18);
            var upper = slopes[Math.Min((int)Math.Round((slopes.Count + Trend.Z95 * sigma) / 2), slopes.Count - 1)];
            var lower = slopes[Math.Max((int)Math.Round((slopes.Count - Trend.Z95 * sigma) / 2) - 1, 0)];
            Assert.Equal((median, lower, upper), (trend.Slope!.Value, trend.Lower!.Value, trend.Upper!.Value));
        }
    }
}
