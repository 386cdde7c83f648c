using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// SeenIds is our own hash table (open addressing, ADR 0027): it must answer as a dictionary of id → first line does,
// whether it was sized for the ids or had to grow many times.
public class SeenIdsTests
{
    [Theory]
    [InlineData(0, 60_000)]           // starts at the smallest table and doubles its way up
    [InlineData(0, 250_000)]          // … past 2 MB, where the table asks for huge pages
    [InlineData(30_000, 60_000)]      // sized for them
    [InlineData(50_000_000, 60_000)]  // far more expected than the cap (32 MB in huge pages): still correct
    public void AnswersAsADictionaryOfFirstLinesDoes(long expected, int lines)
    {
        var random = new Random(11);
        using var seen = new SeenIds(expected);
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var line = 2; line < lines; line++)
        {
            // Every third id repeats one seen before (or a near miss of one: "p12" and "p12 " are different ids).
            var id = line % 3 == 0 && reference.Count > 0 ? $"p{random.Next(line / 2)}" + (line % 7 == 0 ? " " : "") : $"p{line}";
            var expectedLine = reference.TryGetValue(id, out var first) ? first : 0;
            if (expectedLine == 0) reference[id] = line;
            Assert.Equal(expectedLine, seen.FirstLineOf(id, line));
        }
        Assert.True(reference.Count > lines * 2 / 3);
    }

    [Fact]
    public void IdsDifferingOnlyInCaseOrOneCharacterAreDifferent()
    {
        using var seen = new SeenIds(4);
        Assert.Equal(0, seen.FirstLineOf("R_abc", 2));
        Assert.Equal(0, seen.FirstLineOf("R_ABC", 3));
        Assert.Equal(0, seen.FirstLineOf("R_abd", 4));
        Assert.Equal(2, seen.FirstLineOf("R_abc", 5));
        Assert.Equal(3, seen.FirstLineOf("R_ABC", 6));
    }
}
