using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;

namespace SecureBase.Core.Tests.Statistics;

public class LocalNormsTests
{
    const string ThreeItemJson = """
        {
          "format": 1, "id": "three", "version": "1", "title": "Three", "citation": "Test", "notice": "Test only",
          "scale": { "min": 1, "max": 7 },
          "items": [ { "id": "t.1", "number": 1, "text": "One" }, { "id": "t.2", "number": 2, "text": "Two" }, { "id": "t.3", "number": 3, "text": "Three" } ],
          "subscales": [ { "id": "main", "name": "Main", "better": "lower", "items": ["t.1", "t.2", "t.3"], "reversed": [] } ]
        }
        """;

    static readonly int[][] Rows = [[1, 2, 2], [3, 3, 4], [5, 4, 5], [2, 2, 1], [6, 7, 6], [4, 5, 5]];

    static NormEntry Compute(IEnumerable<int[]> rows, InstrumentPack pack)
    {
        var norms = new LocalNorms(pack);
        foreach (var row in rows)
            norms.Add(row.Select((v, i) => (v, i)).Where(p => p.v > 0).ToDictionary(p => $"t.{p.i + 1}", p => p.v));
        return norms.ToNormSet("local", "test").Entries.Single();
    }

    static InstrumentPack Pack => InstrumentPackReader.Read(ThreeItemJson, "test").Pack!;

    [Fact]
    public void MeanSdAndAlphaMatchScipy()
    {
        // numpy: alpha = k/(k−1)·(1 − Σ var(items, ddof=1) / var(total, ddof=1)); mean and SD of the item mean.
        var entry = Compute(Rows, Pack);
        Assert.Equal(6, entry.N);
        Assert.Equal(3.7222222222, entry.Mean, precision: 8);
        Assert.Equal(1.8549233787, entry.StandardDeviation, precision: 8);
        Assert.Equal(0.9655543595, entry.Reliability!.Value, precision: 8);
        Assert.Equal(ReliabilityKind.CronbachAlpha, entry.ReliabilityKind);
    }

    [Fact]
    public void IncompleteAdministrationsAreLeftOutAndCounted()
    {
        var entry = Compute(Rows.Append([7, 0, 7]), Pack);   // 0 = missing
        Assert.Equal(6, entry.N);
        Assert.Equal(0.9655543595, entry.Reliability!.Value, precision: 8);
    }

    [Fact]
    public void AllAnswersEqualHasNoAlphaAndZeroSpread()
    {
        var entry = Compute(Enumerable.Repeat(new[] { 4, 4, 4 }, 40), Pack);
        Assert.Equal(0, entry.StandardDeviation);
        Assert.Null(entry.Reliability);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void FewerThanTwoAdministrationsHaveNoSpread(int n)
    {
        var entry = Compute(Rows.Take(n), Pack);
        Assert.Equal(n, entry.N);
        Assert.True(double.IsNaN(entry.StandardDeviation));
        Assert.Null(entry.Reliability);
    }

    [Fact]
    public void ReverseKeyedItemsAreReversedBeforeAlpha()
    {
        // Reversing item 5 of the five-item pack and answering it reversed gives the same α as not reversing.
        var pack = TestPacks.FiveItemPack();
        var norms = new LocalNorms(pack);
        int[][] rows = [[1, 2, 2, 1, 7], [3, 3, 4, 4, 5], [5, 4, 5, 6, 3], [2, 2, 1, 2, 6]];
        foreach (var row in rows) norms.Add(row.Select((v, i) => (v, i)).ToDictionary(p => $"f.{p.i + 1}", p => p.v));
        var entry = norms.ToNormSet("local", "test").Entries.Single();
        Assert.True(entry.Reliability > 0.9, $"alpha was {entry.Reliability}");
    }
}
