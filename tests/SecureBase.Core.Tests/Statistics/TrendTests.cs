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
}
