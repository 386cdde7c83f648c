using nietras.SeparatedValues;
using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// The batch commands never write their input, report every IO problem in one line with exit code 2,
// and write no cell a spreadsheet would run as a formula.
public sealed class OutputSafetyTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    static string Rows(int count) =>
        "id,1,2,3,4,5,6,7,8,9\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"p{i},2,3,4,5,6,7,1,2,6\n"));

    [Fact]
    public void TheInputIsNeverTheOutput()
    {
        var content = Rows(5000);
        var input = _cli.File("big.csv", content);
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", input));
        Assert.Contains("is the input file", _cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(input));

        var link = _cli.PathOf("link.csv");
        File.CreateSymbolicLink(link, input);
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", link));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, input);
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", relative, "--output", input));
        Assert.Equal(content, File.ReadAllText(input));
    }

    // A rename into the installation's own folders replaced the live database in testing; through a link too.
    [Fact]
    public void NothingIsWrittenIntoTheInstallationsDataOrKeyFolder()
    {
        var input = _cli.File("in.csv", Rows(3));
        Directory.CreateDirectory(_cli.PathOf("data"));
        Directory.CreateDirectory(_cli.PathOf("keys"));
        var database = _cli.File("data/securebase.db", "the live database");
        Directory.CreateSymbolicLink(_cli.PathOf("elsewhere"), _cli.PathOf("data"));
        foreach (var (output, folder) in new[] { (database, "the data folder"), (_cli.PathOf("data/scores.csv"), "the data folder"),
                     (_cli.PathOf("keys/key-1.xml"), "the key folder"), (_cli.PathOf("elsewhere/securebase.db"), "the data folder") })
        {
            Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output));
            Assert.Contains($"is inside {folder} of this installation", _cli.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal("the live database", File.ReadAllText(database));
        Assert.Equal(["securebase.db"], Directory.GetFiles(_cli.PathOf("data")).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(_cli.PathOf("keys")));
    }

    [Fact]
    public void ADashIsStandardOutput()
    {
        var input = _cli.File("in.csv", Rows(3));
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", "-"));
        Assert.Contains("p3,", _cli.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void AMissingOutputFolderIsOneLineAndExitCodeTwo()
    {
        var input = _cli.File("in.csv", Rows(3));
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", _cli.PathOf("missing/out.csv")));
        Assert.Equal("error: the folder of --output '" + _cli.PathOf("missing/out.csv") + "' does not exist." + Environment.NewLine, _cli.Stderr);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("folder")]
    public void AnOutputThatIsNoFileNameIsOneLineAndExitCodeTwo(string output)
    {
        var input = _cli.File("in.csv", Rows(3));
        Directory.CreateDirectory(_cli.PathOf("folder"));
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output == "folder" ? _cli.PathOf("folder") : output));
        Assert.Single(_cli.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --output", _cli.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/full")]
    [InlineData("/proc/self/fd/1")]
    public void ADeviceOrSystemFileIsNeverReplaced(string output)
    {
        var input = _cli.File("in.csv", Rows(3));
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output));
        Assert.Contains("is a device, pipe or system file", _cli.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output) && new FileInfo(output).Length > 0 && output.StartsWith("/dev/", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOutputInsideAFileSaysSo()
    {
        var input = _cli.File("in.csv", Rows(3));
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", Path.Combine(input, "x.csv")));
        Assert.Equal($"error: --output '{Path.Combine(input, "x.csv")}' is inside '{input}', which is a file, not a folder.", _cli.Stderr.Trim());
    }

    // Root may open any file for writing: a file nobody may write is still refused, by its mode.
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AFileNobodyMayWriteIsNotReplacedEvenByRoot()
    {
        var input = _cli.File("in.csv", Rows(3));
        var output = _cli.File("kept.csv", "kept");
        File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output));
        Assert.Contains("is write-protected", _cli.Stderr, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(output));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ANamedPipeIsNeverReplaced()
    {
        var input = _cli.File("in.csv", Rows(3));
        var pipe = _cli.PathOf("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", pipe));
        Assert.Contains("is a device, pipe or system file", _cli.Stderr, StringComparison.Ordinal);
        var link = _cli.PathOf("link-to-pipe");
        File.CreateSymbolicLink(link, pipe);
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", link));
        Assert.Contains("is a device, pipe or system file", _cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(pipe).Length);
    }

    [Fact]
    public void AFolderAsInputIsNamedAsSuch()
    {
        Directory.CreateDirectory(_cli.PathOf("folder"));
        Assert.Equal(2, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", _cli.PathOf("folder")));
        Assert.Contains("is a folder", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheOutputFileIsReadableByItsUserAlone()
    {
        var input = _cli.File("in.csv", Rows(3));
        var output = _cli.PathOf("scores.csv");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
    }

    [Fact]
    public void AnOutputFileAppearsWholeAndNoTemporaryFileStays()
    {
        var input = _cli.File("in.csv", Rows(3));
        var output = _cli.PathOf("out.csv");
        File.WriteAllText(output, "old contents");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", output));
        Assert.Equal(4, File.ReadAllLines(output).Length);
        Assert.Equal(["in.csv", "out.csv"], Directory.GetFiles(Path.GetDirectoryName(output)!).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    public void ACellThatWouldBeAFormulaIsWrittenAsText(string id)
    {
        var input = _cli.File("in.csv", $"id,1,2,3,4,5,6,7,8,9\n\"{id.Replace("\"", "\"\"", StringComparison.Ordinal)}\",2,3,4,5,6,7,1,2,6\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input));
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(_cli.Stdout);
        Assert.True(reader.MoveNext());
        Assert.Equal("'" + id, reader.Current["id"].ToString());
    }
}
