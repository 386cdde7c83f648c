using SecureBase.Cli.Batch;
using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Cli.Tests;

// The batch path allocates nothing per row (issue 11): an allocation per row was once 10 MB of 200,000 ECR-R rows,
// from a lambda's capture that C# makes where its method begins (ScoredRows.FlagWords). Counted in bytes on this
// thread, not timed, so the tests are exact on any machine.
[Collection(nameof(CountsEveryThreadsBytes))]
public sealed class BatchAllocationTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    static InstrumentPack EcrR => InstrumentCatalog.LoadOne("ecr-r", null)!;

    [Fact]
    public void WritingAScoredRowAllocatesNothing()
    {
        var pack = EcrR;
        using var text = new StreamWriter(Stream.Null, new System.Text.UTF8Encoding(false), 1 << 16);
        var rows = new ScoredRows(pack, text);
        var answers = Enumerable.Range(0, pack.Items.Count).Select(i => 1 + i % 7).ToArray();
        // Warm up past the writer's first full buffer: it makes its byte buffer (192 KB) at the first large flush.
        for (var i = 0; i < 3_000; i++) rows.Write("warm-up", answers);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            answers[i % answers.Length] = 1 + i % 7;
            rows.Write("R_5a7Hc2x", answers);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // A flagged row names its flags in a string of its own: that is the one allocation, and only for such a row.
    [Fact]
    public void OnlyAFlaggedRowAllocates()
    {
        var pack = EcrR;
        using var text = new StringWriter();
        var rows = new ScoredRows(pack, text);
        var answers = Enumerable.Repeat(4, pack.Items.Count).ToArray();
        answers[0] = ScoringPlan.Missing;
        rows.Write("p1", answers);
        Assert.EndsWith(",17/18,18/18,anxiety:prorated" + Environment.NewLine, text.ToString(), StringComparison.Ordinal);
    }

    // Reading runs on two threads (ADR 0027), so every thread's bytes are counted: the process's, with no other test
    // running (the collection below). What the reading costs once (its batches, its thread) is the same for 20,000
    // rows and 40,000; what it costs per row is the difference. The ids' table is made when the file is opened,
    // sized from the file's length (ids of 40 characters make the rows a little longer than the header, so it need
    // not grow here; growing is SeenIds' own test).
    [Fact]
    public void ReadingRowsAllocatesAlmostNothingPerRow()
    {
        var (twenty, forty) = (ReadingAllocates(20_000), ReadingAllocates(40_000));
        var perRow = (forty - twenty) / 20_000.0;
        Assert.True(perRow < 1, $"{perRow:F1} bytes allocated per row read ({twenty:N0} bytes for 20,000 rows, {forty:N0} for 40,000)");
    }

    long ReadingAllocates(int rows)
    {
        var header = "id," + string.Join(',', Enumerable.Range(1, 36));
        var input = _cli.File($"rows-{rows}.csv", header + "\n" + string.Concat(Enumerable.Range(0, rows)
            .Select(r => $"participant-{r:D6}-of-the-spring-2026-wave," + string.Join(',', Enumerable.Range(0, 36).Select(i => 1 + (r + i) % 7)) + "\n")));
        using var csv = AnswerCsv.Open(EcrR, input, TextWriter.Null)!;
        var count = 0;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.True(csv.ReadAnswers((_, _, _) => count++, TextWriter.Null));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(rows, count);
        return allocated;
    }
}

[CollectionDefinition(nameof(CountsEveryThreadsBytes), DisableParallelization = true)]
public sealed class CountsEveryThreadsBytes;
