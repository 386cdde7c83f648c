using nietras.SeparatedValues;
using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// CsvLine writes score's rows by hand; they must be what Sep's writer (with escaping) wrote before, cell for cell.
public class CsvLineTests
{
    [Theory]
    [InlineData("p1")]
    [InlineData("Smith, J")]
    [InlineData("p\"3")]
    [InlineData("\"")]
    [InlineData("two\nlines")]
    [InlineData("cr\rhere")]
    [InlineData("crlf\r\n")]
    [InlineData("'=HYPERLINK(\"x\")")]
    [InlineData("semi;colon")]
    [InlineData("tab\there")]
    [InlineData(" spaced ")]
    [InlineData("")]
    public void AQuotedCellIsWhatSepWrites(string id)
    {
        var line = new CsvLine();
        using var ours = new StringWriter();
        line.Quoted(id);
        line.Plain("4.250");
        line.Plain("");
        line.Plain("18/18");
        line.WriteTo(ours);

        using var sepText = new StringWriter();
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false }).To(sepText, leaveOpen: true))
#pragma warning disable xUnit1051
        using (var row = writer.NewRow())   // xUnit1051 asks for a token, but Sep's rows then want async disposal
#pragma warning restore xUnit1051
        {
            row["a"].Set(id);
            row["b"].Set("4.250");
            row["c"].Set("");
            row["d"].Set("18/18");
        }
        Assert.Equal(sepText.ToString(), ours.ToString());
    }

    [Fact]
    public void AnEmptyFirstCellStillSeparatesTheNext()
    {
        var line = new CsvLine();
        using var text = new StringWriter();
        line.Plain("");
        line.Plain("x");
        line.WriteTo(text);
        line.Plain("next");
        line.WriteTo(text);
        Assert.Equal(",x" + Environment.NewLine + "next" + Environment.NewLine, text.ToString());
    }

    [Fact]
    public void ALongCellGrowsTheLine()
    {
        var line = new CsvLine();
        using var text = new StringWriter();
        var id = new string('"', 5000);
        line.Quoted(id);
        line.Plain("1.000");
        line.WriteTo(text);
        Assert.Equal("\"" + new string('"', 10000) + "\",1.000" + Environment.NewLine, text.ToString());
    }
}
