using BenchmarkDotNet.Attributes;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Data.Instruments;

namespace SecureBase.Benchmarks;

// Ratios are against the baseline: averaging one person's 36 raw answers, the least any scorer must do.
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private InstrumentPack _ecrR = null!;
    private AnswerSheet _sheet = null!;
    private AnswerSheet[] _sheets = null!;
    private (double, double)[] _weeks = null!;
    private (double, double)[] _fiveYears = null!;
    private NormSet _norms = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ecrR = InstrumentCatalog.Load(null).Find("ecr-r")!;
        var random = new Random(42);
        _sheets = Enumerable.Range(0, 1000)
            .Select(_ => new AnswerSheet("ecr-r", _ecrR.Items.ToDictionary(i => i.Id, _ => random.Next(1, 8))))
            .ToArray();
        _sheet = _sheets[0];
        _weeks = Enumerable.Range(0, 52).Select(w => ((double)w, 6 - w * 0.05 + random.NextDouble())).ToArray();
        // Five years of weeks: the progress page's "everything" for a long-time client (issue 11).
        _fiveYears = Enumerable.Range(0, 260).Select(w => ((double)w, 6 - w * 0.01 + random.NextDouble())).ToArray();
        _norms = new NormSet("n", "Bench", "ecr-r", NormOrigin.Local, "bench", [new NormEntry("anxiety", 4, 1.1, 0.9, ReliabilityKind.CronbachAlpha, 100)]);
    }

    [Benchmark(Baseline = true)]
    public double MeanOfRawAnswers()
    {
        double sum = 0;
        foreach (var value in _sheet.Responses.Values) sum += value;
        return sum / _sheet.Responses.Count;
    }

    [Benchmark]
    public InstrumentScore? ScoreOneEcrR() => Scoring.Score(_ecrR, _sheet).Score;

    [Benchmark]
    public NormSet LocalNormsOf1000EcrR()
    {
        var norms = new LocalNorms(_ecrR);
        foreach (var sheet in _sheets) norms.Add(sheet.Responses);
        return norms.ToNormSet("local", "bench");
    }

    [Benchmark]
    public TrendResult TheilSenOf52Weeks() => Trend.Estimate(_weeks);

    [Benchmark]
    public TrendResult TheilSenOf260Weeks() => Trend.Estimate(_fiveYears);

    [Benchmark]
    public ReliableChangeResult ReliableChangeOfOnePair() => ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, _norms);
}
