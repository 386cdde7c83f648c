using nietras.SeparatedValues;
using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// The batch reader takes quotes off cells itself (CsvCells.Unquoted) instead of through Sep's Unescape option; the
// cells it reads must be what that option gave, quote for quote.
public class CsvCellsTests
{
    [Theory]
    [InlineData("\"4\"")]
    [InlineData("\"Smith, J\"")]
    [InlineData("\"say \"\"hi\"\"\"")]
    [InlineData("\"\"")]
    [InlineData("\"\"\"\"")]
    [InlineData("\"a\"b")]
    [InlineData("\"a\"b\"c\"")]
    [InlineData("\"two\nlines\"")]
    [InlineData("plain")]
    [InlineData("in\"side")]
    [InlineData(" \"4\" ")]
    public void ACellReadsAsSepUnescapesIt(string cell) => AssertSameAsSep(cell + ",next");

    [Fact]
    public void RandomRowsReadAsSepUnescapesThem()
    {
        var random = new Random(11);
        const string alphabet = "a\"\" ,;1\n";
        for (var n = 0; n < 5_000; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            AssertSameAsSep(text);
        }
    }

    [Fact]
    public void TheScratchGrowsForALongCell()
    {
        var scratch = new char[2];
        var cell = "\"" + new string('x', 100) + "\"";
        Assert.Equal(new string('x', 100), CsvCells.Unquoted(cell, ref scratch).ToString());
        Assert.True(scratch.Length >= 100);
    }

    static void AssertSameAsSep(string text)
    {
        var ours = Cells(text, unescape: false, unquote: true);
        var seps = Cells(text, unescape: true, unquote: false);
        Assert.True(seps.SequenceEqual(ours), $"{Show(text)}: Sep read [{string.Join("|", seps.Select(Show))}], we read [{string.Join("|", ours.Select(Show))}]");
    }

    static List<string> Cells(string text, bool unescape, bool unquote)
    {
        var cells = new List<string>();
        var scratch = Array.Empty<char>();
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, Unescape = unescape, DisableColCountCheck = true }).FromText(text);
        foreach (var row in reader)
        {
            for (var c = 0; c < row.ColCount; c++) cells.Add(unquote ? CsvCells.Unquoted(row[c].Span, ref scratch).ToString() : row[c].ToString());
            cells.Add("⏎");
        }
        return cells;
    }

    static string Show(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);
}
