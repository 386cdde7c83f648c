using SecureBase.Cli.Instruments;
using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

public sealed class NormsCsvTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void PrintsMeanSdAlphaAndNPerSubscale()
    {
        // Anxiety items 7–9 carry the rows whose figures scipy/numpy computed: mean 3.722222,
        // SD 1.854923, alpha 0.965554. Avoidance is left incomplete in one row, so its N is 5.
        var input = _cli.File("base.csv", string.Join("\n", "id,1,2,3,4,5,6,7,8,9",
            "a,4,4,4,4,4,4,1,2,2", "b,4,4,4,4,4,4,3,3,4", "c,4,4,4,4,4,4,5,4,5",
            "d,4,4,4,4,4,4,2,2,1", "e,4,4,4,4,4,4,6,7,6", "f,4,4,4,4,4,,4,5,5", ""));
        Assert.Equal(0, _cli.Run(NormsCsv.Run, "--instrument", "ecr-rs", "--input", input));
        var lines = _cli.Stdout.Split(Environment.NewLine);
        Assert.Equal("subscale,mean,sd,alpha,n,usable_for_rci", lines[0]);
        Assert.Equal("anxiety,3.722222,1.854923,0.965554,6,no", lines[1]);
        Assert.Equal("avoidance,4.000,0.000,,5,no", lines[2]);
    }

    // As for score: a row --skip-rows passed over that reads as answers may be a person left out of the norms.
    [Fact]
    public void ASkippedRowThatReadsAsAnswersGivesExitCodeOne()
    {
        var input = _cli.File("base.csv", "id,1,2,3,4,5,6,7,8,9\na,4,4,4,4,4,4,1,2,2\nb,4,4,4,4,4,4,3,3,4\n");
        Assert.Equal(1, _cli.Run(NormsCsv.Run, "--instrument", "ecr-rs", "--input", input, "--skip-rows", "1"));
        Assert.Contains("line 2: skipped (--skip-rows 1), though it reads as answers", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ThirtyCompleteBaselinesAreUsable()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"p{i},{1 + i % 7},{1 + i % 7},{1 + i % 7},{1 + i % 7},{1 + i % 7},{1 + i % 7},{1 + i % 5},{2 + i % 5},{1 + i * 3 % 5}");
        var input = _cli.File("base.csv", "id,1,2,3,4,5,6,7,8,9\n" + string.Join("\n", rows));
        Assert.Equal(0, _cli.Run(NormsCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.EndsWith(",30,yes", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void InstrumentsListsTheShippedPacks()
    {
        Assert.Equal(0, _cli.Run(ListInstruments.Run));
        Assert.Contains("ecr-r    ECR-R", _cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("ecr-rs", _cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("rq ", _cli.Stdout, StringComparison.Ordinal);
    }
}
