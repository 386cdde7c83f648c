using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// What a fresh tester found in real and broken exports (issue 11): a quote never closed, a file not saved as
// UTF-8, --skip-rows passing over a person, columns without a name or named twice among the ignored ones,
// numbers a double reads loosely, and control characters in messages.
public sealed class ExportEdgeTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    const string Header = "id,1,2,3,4,5,6,7,8,9";

    [Fact]
    public void AQuoteNeverClosedNamesEveryLineItTook()
    {
        var input = _cli.File("rs.csv", string.Join("\n", Header, "ok,4,4,4,4,4,4,4,4,4", "\"open,4,4,4,4,4,4,4,4,4", "b,4,4,4,4,4,4,4,4,4", "c,4,4,4,4,4,4,4,4,4", ""));
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.Contains("lines 3–5: rejected: 3 lines read as one row (expected 10 columns, found 1): a quote (\") on line 3 is most likely not closed", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 row scored, 1 rejected.", _cli.Stderr, StringComparison.Ordinal);
    }

    // Sep stops at a row of 16,777,216 characters: one line and exit code 2, the output file never made.
    [Fact]
    public void ARowTooLongIsOneLineAndNoFile()
    {
        var input = _cli.PathOf("long.csv");
        using (var writer = File.CreateText(input))
        {
            writer.Write(Header + "\nok,4,4,4,4,4,4,4,4,4\n\"");
            for (var i = 0; i < 1_800_000; i++) writer.Write("x,1,2,3,4\n");
        }
        var output = _cli.PathOf("out.csv");
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output));
        Assert.Equal($"error: {input}, line 3: a row longer than 16 million characters: a quote (\") that is never closed, or not a CSV file." + Environment.NewLine, _cli.Stderr);
        Assert.Equal(["long.csv"], Directory.GetFiles(_cli.PathOf("")).Select(Path.GetFileName));
    }

    [Fact]
    public void AFirstRowTooLongIsOneLineToo()
    {
        var input = _cli.PathOf("long.csv");
        using (var writer = File.CreateText(input))
        {
            writer.Write('"');
            for (var i = 0; i < 1_800_000; i++) writer.Write("x,1,2,3,4\n");
        }
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input));
        Assert.Equal($"error: {input}, line 1: a row longer than 16 million characters: a quote (\") that is never closed, or not a CSV file." + Environment.NewLine, _cli.Stderr);
    }

    [Fact]
    public void AnIdThatIsNotUtf8IsRejectedNotTakenForAnother()
    {
        var input = _cli.PathOf("latin1.csv");
        File.WriteAllBytes(input, [.. "id,1,2,3,4\nJos"u8, 0xE9, .. ",1,2,3,4\nJos"u8, 0xE8, .. ",1,2,3,4\nAna,1,2,3,4\n"u8]);
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input));
        Assert.Contains("line 2: rejected: the id is not UTF-8 text (the file may be saved as Windows-1252 or Latin-1); save it as \"CSV UTF-8\"", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 3: rejected: the id is not UTF-8", _cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("already", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("Ana,", _cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipRowsSaysWhenASkippedRowReadsAsAPerson()
    {
        var input = _cli.File("rs.csv", string.Join("\n", Header, "p0,4,4,4,4,4,4,4,4,4", "Question text,a,b,c,d,e,f,g,h,i", "p2,4,4,4,4,4,4,4,4,4", ""));
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--skip-rows", "2"));   // a person may be left out
        Assert.Contains("line 2: skipped (--skip-rows 2), though it reads as answers: if it is a person, lower --skip-rows", _cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3:", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 row scored, 0 rejected, 2 rows after the header skipped (--skip-rows).", _cli.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("p2,", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);
    }

    // Columns that are ignored may have no name or share one (Excel's trailing ",,", two "Notes"); the id column may not.
    [Fact]
    public void IgnoredColumnsMayBeUnnamedOrNamedTwice()
    {
        var input = _cli.File("s.csv", "ResponseId,Notes,,Notes,Q1,Q2,Q3,Q4,,\nR1,a,,b,1,2,3,4,,\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input, "--id-column", "ResponseId", "--item-columns", "Q{n}"));
        Assert.StartsWith("R1,1.000,2.000,3.000,4.000,", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);

        using var plain = new CliRun();
        Assert.Equal(0, plain.Run(ScoreCsv.Run, "--instrument", "rq", "--input", plain.File("p.csv", "id,1,2,3,4,,\nA,1,2,3,4,,\n")));

        using var twice = new CliRun();
        Assert.Equal(2, twice.Run(ScoreCsv.Run, "--instrument", "rq", "--input", twice.File("t.csv", "ResponseId,Q1,Q2,Q3,Q4,ResponseId\nR1,1,2,3,4,R2\n"), "--id-column", "ResponseId", "--item-columns", "Q{n}"));
        Assert.Contains("two columns are named \"ResponseId\" (columns 1 and 6)", twice.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6", null)]
    [InlineData("+6", null)]
    [InlineData("06", null)]
    [InlineData("6.0", null)]
    [InlineData("6.", null)]
    [InlineData(" 6 ", null)]
    [InlineData("\t6", null)]
    [InlineData("6.000000000000000001", "'6.000000000000000001' is not a whole number")]
    [InlineData("4.5", "'4.5' is not a whole number")]
    [InlineData("6e0", "'6e0' is not a whole number")]
    [InlineData("Infinity", "'Infinity' is not a whole number")]
    [InlineData("NaN", "'NaN' is not a whole number")]
    [InlineData("-", "'-' is not a whole number")]
    [InlineData("0", "0 is outside the scale 1–7")]
    [InlineData("99999999999999999999", "99999999999999999999 is outside the scale 1–7")]
    [InlineData("\u001b[2J", "'\\u001B[2J' is not a whole number")]
    public void AnAnswerIsAWholeNumberAsASpreadsheetWritesIt(string value, string? problem)
    {
        var input = _cli.File("rq.csv", $"id,1,2,3,4\nA,\"{value}\",2,3,4\n");
        Assert.Equal(problem is null ? 0 : 1, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input));
        if (problem is null) Assert.StartsWith("A,6.000,", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);
        else Assert.Contains($"line 2: rejected: item 1: {problem}", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ADecimalCommaInASemicolonFileIsAWholeNumberToo()
    {
        var input = _cli.File("rq.csv", "id;1;2;3;4\nA;6,0;2;3;4\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input));
        Assert.StartsWith("A,6.000,", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData(" , ,\n")]
    public void AFileWithoutAHeaderSaysSo(string content)
    {
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", _cli.File("e.csv", content)));
        Assert.Contains("the file is empty: it needs a header row", _cli.Stderr, StringComparison.Ordinal);
    }

    // Said in words a new user can act on: what was found, and the option to use.
    [Theory]
    [InlineData("ResponseId,Q1,Q2,Q3,Q4\nR1,1,2,3,4\n", new[] { "--id-column", "ResponseId" },
        "no column is named by an item number (1, 2, …); the columns are \"ResponseId\", \"Q1\", \"Q2\", \"Q3\", \"Q4\"; name the item columns with --item-columns, e.g. Q{n} for Q1, Q2, …")]
    [InlineData("ResponseId,Q1_1,Q1_2\nR1,1,2\n", new[] { "--id-column", "ResponseId", "--item-columns", "Q{n}" }, "no column is named Q1, Q2, …; the columns are \"ResponseId\", \"Q1_1\", \"Q1_2\"")]
    [InlineData("ResponseId,Q1,q1,Q2,Q3,Q4\nR1,1,1,2,3,4\n", new[] { "--id-column", "ResponseId", "--item-columns", "Q{n}" }, "item 1 has two columns: \"Q1\" and \"q1\"")]
    [InlineData("\uFEFF\uFEFFid,1,2,3,4\nA,1,2,3,4\n", new string[0], "the first column is \"\\uFEFFid\", not \"id\"")]
    [InlineData("id,1,2,3,4\nA,1,2,3,4\n", new[] { "--id-column", " " }, "--id-column needs the name of the column with each person's id")]
    public void AHeaderThatDoesNotFitSaysWhatWasFound(string content, string[] options, string expected)
    {
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, ["--instrument", "rq", "--input", _cli.File("h.csv", content), .. options]));
        Assert.Contains(expected, _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AQuestionTextRowNearTheTopSuggestsSkipRows()
    {
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", _cli.File("q.csv", "id,1,2,3,4\nText,How,close,are,you\nA,1,2,3,4\n")));
        Assert.Contains("line 2: rejected: item 1: 'How' is not a whole number (a survey export's extra header rows? pass over them with --skip-rows, e.g. 2 for Qualtrics)", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputNameNearTheLimitStillWorks()
    {
        var output = _cli.PathOf(new string('a', 240) + ".csv");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", _cli.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\n"), "--output", output));
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void StandardInputIsNotAFileName()
    {
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", "-"));
        Assert.Contains("--input - (standard input) is not supported", _cli.Stderr, StringComparison.Ordinal);
    }
}
