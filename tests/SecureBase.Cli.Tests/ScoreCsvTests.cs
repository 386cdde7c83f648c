using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

public sealed class ScoreCsvTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    const string Header = "id,1,2,3,4,5,6,7,8,9";

    [Fact]
    public void ScoresAnEcrRsExportWithQuotesBomCrlfAndATrailingBlankLine()
    {
        var input = _cli.File("rs.csv", "\uFEFF" + Header + "\r\n\"Smith, J\",2,3,4,5,6,7,1,2,6\r\np2,7,7,7,7,1,1,1,1,1\r\n\"p\"\"3\",7,7,7,,1,1,1,1,\r\n\r\n");
        var code = _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input);

        Assert.Equal(0, code);
        // Smith: avoidance items 1–4 reversed (2,3,4,5 → 6,5,4,3) plus 6 and 7: 31/6; anxiety (1+2+6)/3.
        Assert.Equal(string.Join(Environment.NewLine,
            "id,anxiety,avoidance,anxiety_answered,avoidance_answered,flags",
            "\"Smith, J\",3.000,5.166667,3/3,6/6,",
            "p2,1.000,1.000,3/3,6/6,",
            "\"p\"\"3\",,1.000,2/3,5/6,anxiety:too-many-missing avoidance:prorated",
            ""), _cli.Stdout);
        Assert.Contains("3 rows scored, 0 rejected.", _cli.Stderr, StringComparison.Ordinal);
    }

    // Spaces around names and values, as a hand-typed file has them, inside quotes or not; a value that is not
    // one digit ("6.0", " 7") is read after trimming too.
    [Fact]
    public void SpacesAroundNamesAndValuesAreIgnored()
    {
        var plain = _cli.File("plain.csv", Header + "\np1,2,3,4,5,6,7,1,2,6\np2,7,7,7,7,1,1,1,1,1\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", plain));
        using var spaced = new CliRun();
        var input = spaced.File("spaced.csv", " id , 1, 2 ,3, 4,5,6,7,8, \"9\" \n p1 , 2,3 ,\" 4 \",5,6.0, 7,1, \"2\" ,6\n \" p2\" ,7,7,7,7,1,1,1,1,1 \n");
        Assert.Equal(0, spaced.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.Equal(_cli.Stdout, spaced.Stdout);
    }

    [Fact]
    public void ColumnsMayComeInAnyOrderBecauseTheyAreNamedByItemNumber()
    {
        var input = _cli.File("rs.csv", "id,9,8,7,6,5,4,3,2,1\np1,6,2,1,7,6,5,4,3,2\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.Contains("p1,3.000,5.166667,", _cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRowsAreReportedWithLineAndReasonAndTheRestAreScored()
    {
        var input = _cli.File("rs.csv", string.Join("\n", Header,
            "ok1,4,4,4,4,4,4,4,4,4",
            "bad1,x,4,4,4,4,4,4,4,4",
            "bad2,4,4",
            "bad3,4,4,4,4,4,4,4,4,8",
            "bad4,4,4,4,4,4,4,4,4,4.5",
            ",4,4,4,4,4,4,4,4,4",
            "ok2,1,1,1,1,1,1,1,1,1", ""));
        var code = _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input);

        Assert.Equal(1, code);
        Assert.Equal(3, _cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("ok1,", _cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("ok2,", _cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 3: rejected: item 1: 'x' is not a whole number", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4: rejected: expected 10 columns, found 3", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5: rejected: item 9: 8 is outside the scale 1–7", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 6: rejected: item 9: '4.5' is not a whole number", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 7: rejected: the id is empty", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 rows scored, 5 rejected.", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EcrRMatchesAHandComputedScore()
    {
        // Every item answered 7: anxiety (16·7 + 2·1)/18, avoidance (6·7 + 12·1)/18 = 3.
        var input = _cli.File("r.csv", "id," + string.Join(',', Enumerable.Range(1, 36)) + "\nall7," + string.Join(',', Enumerable.Repeat(7, 36)) + "\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-r", "--input", input));
        Assert.Contains("all7,6.333333,3.000,18/18,18/18,", _cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RqGivesTheFourRatingsAndBothModels()
    {
        var input = _cli.File("rq.csv", "id,1,2,3,4\nr1,6,2,3,5\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input));
        Assert.Equal("id,secure,fearful,preoccupied,dismissing,model-of-self,model-of-other,secure_answered,fearful_answered,preoccupied_answered,dismissing_answered,flags",
            _cli.Stdout.Split(Environment.NewLine)[0]);
        Assert.StartsWith("r1,6.000,2.000,3.000,5.000,6.000,2.000,", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void WritesToAnOutputFileWhenAsked()
    {
        var input = _cli.File("rq.csv", "id,1,2,3,4\nr1,6,2,3,5\n");
        var output = _cli.PathOf("scores.csv");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input, "--output", output));
        Assert.Equal("", _cli.Stdout);
        Assert.Contains("r1,6.000", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,1,2,3,4,5,6,7,8", "no column for item(s) 9 of ECR-RS")]
    [InlineData("id,1,2,3,4,5,6,7,8,9,10", "column \"10\" names item 10, but ECR-RS has items 1–9")]
    [InlineData("id,1,2,3,4,5,6,7,8,9,notes", "column \"notes\" is not an item number of ECR-RS (1–9); for an export with other columns or named items, use --id-column and --item-columns (e.g. Q{n}), and other columns are ignored")]
    [InlineData("person,1,2,3,4,5,6,7,8,9", "the first column is \"person\", not \"id\"; name the id column with --id-column (and the item columns with --item-columns, e.g. Q{n}, if they are not bare numbers)")]
    [InlineData("id,1,01,3,4,5,6,7,8,9", "item 1 has two columns: \"1\" and \"01\"")]
    public void AWrongHeaderIsOneClearErrorAndNothingIsScored(string header, string expected)
    {
        var input = _cli.File("rs.csv", header + "\np1,4,4,4,4,4,4,4,4,4\n");
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.Equal("", _cli.Stdout);
        Assert.Equal($"error: {input}, line 1: {expected}", _cli.Stderr.Trim());
    }

    [Fact]
    public void AMissingFileIsOneClearLine()
    {
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-r", "--input", _cli.PathOf("nope.csv")));
        Assert.Equal($"error: input file '{_cli.PathOf("nope.csv")}' does not exist.", _cli.Stderr.Trim());
    }

    [Fact]
    public void AnInstrumentMayBeNamedAsItsTitleWritesIt()
    {
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ECR-RS", "--input", _cli.File("x.csv", "id,1,2,3,4,5,6,7,8,9\np1,4,4,4,4,4,4,4,4,4\n")));
        Assert.StartsWith("p1,", _cli.Stdout.Split(Environment.NewLine)[1], StringComparison.Ordinal);
    }

    // An id of tabs, no-break spaces or invisible characters names no one, as an empty one does not.
    [Theory]
    [InlineData("\"\t\"")]
    [InlineData("\u00A0")]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u034F")]
    [InlineData("\u3164")]
    [InlineData("\uFE0F\u2800")]
    public void ABlankIdIsRejected(string id)
    {
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", _cli.File("x.csv", $"id,1,2,3,4\n{id},1,2,3,4\nok,1,2,3,4\n")));
        Assert.Contains("line 2: rejected: the id is only blank or invisible characters", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("ok,", _cli.Stdout, StringComparison.Ordinal);
    }

    // Ids that a spreadsheet shows the same are one person: white space around them and invisible characters in
    // them do not make a second one. Case still does.
    [Fact]
    public void IdsThatLookTheSameAreDuplicates()
    {
        var input = _cli.File("x.csv", "id,1,2,3,4\na,1,2,3,4\n\"a\t\",1,2,3,4\na\u00A0,1,2,3,4\n\u200Ba,1,2,3,4\nA,1,2,3,4\n\"a b\",1,2,3,4\na\uFE0F,1,2,3,4\n");
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", input));
        Assert.Contains("line 3: rejected: the id 'a\\u0009' is already on line 2 (ids are compared without white space around them or invisible characters in them)", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4: rejected: the id 'a\u00A0' is already on line 2", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5: rejected: the id '\\u200Ba' is already on line 2", _cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(["a,", "A,", "a b,"], _cli.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l[..(l.IndexOf(',', StringComparison.Ordinal) + 1)]));
        Assert.Contains("line 8: rejected: the id 'a\\uFE0F' is already on line 2", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("3 rows scored, 4 rejected.", _cli.Stderr, StringComparison.Ordinal);
    }

    // The hint about a survey export's extra header rows is for text, not for a mistyped number near the top.
    [Fact]
    public void AMistypedNumberOnLineTwoGetsNoSurveyHint()
    {
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", _cli.File("x.csv", "id,1,2,3,4\nA,\"6,5\",2,3,4\n")));
        Assert.Contains("line 2: rejected: item 1: '6,5' is not a whole number", _cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--skip-rows", _cli.Stderr, StringComparison.Ordinal);
    }

    // A spreadsheet's empty rows (",,,,") are passed over as blank lines are, not rejected for an empty id.
    [Fact]
    public void RowsOfOnlySeparatorsArePassedOver()
    {
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "rq", "--input", _cli.File("x.csv", "id,1,2,3,4\nA,1,2,3,4\n,,,,\n , ,,,\n,,\nB,1,2,3,4\n,,,,\n")));
        Assert.Contains("2 rows scored, 0 rejected.", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownInstrumentIsOneClearLine()
    {
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-s", "--input", _cli.File("x.csv", "id\n")));
        Assert.Equal("error: unknown instrument 'ecr-s'. Known: ecr-r, ecr-rs, rq.", _cli.Stderr.Trim());
    }

    [Theory]
    [InlineData(new[] { "--input", "x.csv" }, "--instrument is required")]
    [InlineData(new[] { "--instrument", "rq", "--colour", "red" }, "Unknown option '--colour'")]
    [InlineData(new[] { "--instrument" }, "Option --instrument needs a value")]
    public void UsageErrorsSayWhatIsWrong(string[] args, string expected)
    {
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, args));
        Assert.Contains(expected, _cli.Stderr, StringComparison.Ordinal);
    }

    // A Qualtrics export as it comes: its own columns first, the id in ResponseId, items named Q1…Q36, two
    // more header rows (question texts, import ids), "6.0" for 6, and one person twice.
    [Fact]
    public void AQualtricsExportIsScoredFromItsOptionsLikeThePlainFile()
    {
        int[] first = [.. Enumerable.Range(0, 36).Select(i => 1 + i % 7)], second = [.. Enumerable.Range(0, 36).Select(i => 7 - i % 5)];
        var items = string.Join(',', Enumerable.Range(1, 36).Select(n => $"Q{n}"));
        var texts = string.Join(',', Enumerable.Range(1, 36).Select(n => $"\"Statement {n}, as asked\""));
        var imports = string.Join(',', Enumerable.Range(1, 36).Select(n => $"\"{{\"\"ImportId\"\":\"\"QID{n}\"\"}}\""));
        var export = _cli.File("qualtrics.csv", string.Join("\r\n",
            $"StartDate,EndDate,Status,ResponseId,{items},Q_Score",
            $"Start Date,End Date,Response Type,Response ID,{texts},Score",
            $"\"{{\"\"ImportId\"\":\"\"startDate\"\"}}\",x,x,x,{imports},x",
            $"2026-11-01 10:00:00,2026-11-01 10:09:00,0,R_first,{string.Join(',', first.Select(v => $"{v}.0"))},12",
            $"2026-11-02 10:00:00,2026-11-02 10:07:00,0,R_second,{string.Join(',', second)},9",
            $"2026-11-03 10:00:00,2026-11-03 10:07:00,0,R_first,{string.Join(',', second)},9", ""));
        var plain = _cli.File("plain.csv", string.Join("\n", "id," + string.Join(',', Enumerable.Range(1, 36)),
            "R_first," + string.Join(',', first), "R_second," + string.Join(',', second), ""));

        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-r", "--input", plain));
        var expected = _cli.Stdout;
        using var qualtrics = new CliRun();
        Assert.Equal(1, qualtrics.Run(ScoreCsv.Run, "--instrument", "ecr-r", "--input", export, "--id-column", "ResponseId", "--item-columns", "Q{n}", "--skip-rows", "2"));
        Assert.Equal(expected, qualtrics.Stdout);
        Assert.Contains("line 6: rejected: the id 'R_first' is already on line 4", qualtrics.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 rows scored, 1 rejected, 2 rows after the header skipped (--skip-rows).", qualtrics.Stderr, StringComparison.Ordinal);

        // Without the options, the error says what it found and what to do.
        using var bare = new CliRun();
        Assert.Equal(2, bare.Run(ScoreCsv.Run, "--instrument", "ecr-r", "--input", export));
        Assert.Contains("the first column is \"StartDate\", not \"id\"; name the id column with --id-column ResponseId", bare.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ASemicolonFileReadsLikeACommaFile()
    {
        var comma = _cli.File("comma.csv", Header + "\np1,2,3,4,5,6,7,1,2,6\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", comma));
        using var semicolon = new CliRun();
        var input = semicolon.File("semicolon.csv", Header.Replace(',', ';') + "\np1;2;3;4;5;6;7;1;2;6\n");
        Assert.Equal(0, semicolon.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.Equal(_cli.Stdout, semicolon.Stdout);
    }

    [Fact]
    public void AFileWithNoRowsStillGivesTheHeader()
    {
        var input = _cli.File("empty.csv", Header + "\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        Assert.Equal("id,anxiety,avoidance,anxiety_answered,avoidance_answered,flags" + Environment.NewLine, _cli.Stdout);
        Assert.Contains("0 rows scored, 0 rejected.", _cli.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--item-columns", "Q", "--item-columns 'Q' must contain {n} once")]
    [InlineData("--skip-rows", "two", "--skip-rows 'two' must be a whole number from 0 to 100")]
    [InlineData("--id-column", "ResponseId", "there is no column \"ResponseId\"; the columns are \"id\", \"1\"")]
    public void LayoutOptionsSayWhatIsWrong(string option, string value, string expected)
    {
        var input = _cli.File("rs.csv", Header + "\np1,4,4,4,4,4,4,4,4,4\n");
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, option, value));
        Assert.Contains(expected, _cli.Stderr, StringComparison.Ordinal);
        Assert.Equal("", _cli.Stdout);
    }

    // With a named layout, a survey's other questions are ignored even when they look like items
    // (Q10… after a 9-item ECR-RS); negative and huge answers are outside the scale; negative scores
    // stay numbers in the output (the RQ's model of other is -2 here).
    [Fact]
    public void OtherQuestionsAreIgnoredAndNegativeNumbersStayNumbers()
    {
        var input = _cli.File("survey.csv", "ResponseId,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10,Q11\nR1,2,3,4,5,6,7,1,2,6,99,x\nR2,-3,3,4,5,6,7,1,2,6,1,1\nR3,99999999999999999999,3,4,5,6,7,1,2,6,1,1\n");
        Assert.Equal(1, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--id-column", "ResponseId", "--item-columns", "Q{n}"));
        Assert.Contains("R1,3.000,5.166667,", _cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 3: rejected: item Q1: -3 is outside the scale 1–7", _cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4: rejected: item Q1: 99999999999999999999 is outside the scale 1–7", _cli.Stderr, StringComparison.Ordinal);

        using var rq = new CliRun();
        var answers = rq.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\n");
        Assert.Equal(0, rq.Run(ScoreCsv.Run, "--instrument", "rq", "--input", answers));
        Assert.Contains(",-2.000,", rq.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("'-", rq.Stdout, StringComparison.Ordinal);
    }
}
