using System.Globalization;
using System.Diagnostics;
using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// securebase-score, published as an operator publishes it (Native AOT, ADR 0027), answers exactly as
// `securebase score` does: the same output bytes, messages and exit codes, for good files, bad rows, survey
// layouts, wrong options and unsafe destinations. Publishing once takes about a minute (clang links it).
public sealed class ScoreExecutableTests : IClassFixture<ScoreExecutableTests.Published>, IDisposable
{
    public sealed class Published : IAsyncLifetime
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("securebase-score-aot-").FullName;
        public string Executable => Path.Combine(Folder, "securebase-score");

        public async ValueTask InitializeAsync()
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "SecureBase.slnx"))) root = Path.GetDirectoryName(root)!;
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "publish", Path.Combine(root, "src", "SecureBase.Score"), "-c", "Release", "-r", "linux-x64", "-o", Folder, "--nologo", "-v", "q" })
                info.ArgumentList.Add(arg);
            using var publish = Process.Start(info)!;
            var output = publish.StandardOutput.ReadToEndAsync();
            var errors = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed: {await output}{await errors}");
        }

        public ValueTask DisposeAsync()
        {
            Directory.Delete(Folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private readonly Published _published;
    private readonly CliRun _cli = new();

    public ScoreExecutableTests(Published published) => _published = published;

    public void Dispose() => _cli.Dispose();

    // In the installation CliRun gives in-process.
    Task<(int Code, string Stdout, string Stderr)> RunNativeAsync(params string[] args) =>
        ToolProcess.RunAsync(_published.Executable, args, _cli.PathOf(""));

    async Task AnswersAsTheCliDoesAsync(params string[] args)
    {
        var inProcess = _cli.Run(ScoreCsv.Run, args);
        var (code, stdout, stderr) = (inProcess, _cli.Stdout, _cli.Stderr);
        var native = await RunNativeAsync(args);
        Assert.Equal((code, stdout, stderr), native);
    }

    [Fact]
    public async Task AGoodFileWithQuotesBomAndCrlf()
    {
        var input = _cli.File("rs.csv", "\uFEFFid,1,2,3,4,5,6,7,8,9\r\n\"Smith, J\",2,3,4,5,6,7,1,2,6\r\n\"p\"\"3\",7,7,7,,1,1,1,1,\r\n=cmd,1,1,1,1,1,1,1,1,1\r\n\r\n");
        await AnswersAsTheCliDoesAsync("--instrument", "ecr-rs", "--input", input);
    }

    [Fact]
    public async Task BadRowsAndADuplicateId()
    {
        var input = _cli.File("rs.csv", "id;1;2;3;4;5;6;7;8;9\nok1;4;4;4;4;4;4;4;4;4\nbad1;x;4;4;4;4;4;4;4;4\nbad2;4;4\nbad3;4;4;4;4;4;4;4;4;8\nok1;4;4;4;4;4;4;4;4;6.0\n");
        await AnswersAsTheCliDoesAsync("--instrument", "ecr-rs", "--input", input);
    }

    [Fact]
    public async Task AQualtricsLayoutAndTheRq()
    {
        var items = string.Join(',', Enumerable.Range(1, 36).Select(n => $"Q{n}"));
        var input = _cli.File("q.csv", $"StartDate,ResponseId,{items}\ntexts,x,{items}\nids,x,{items}\n2026-11-01,R_1,{string.Join(',', Enumerable.Range(0, 36).Select(i => 1 + i % 7))}\n");
        await AnswersAsTheCliDoesAsync("--instrument", "ecr-r", "--input", input, "--id-column", "ResponseId", "--item-columns", "Q{n}", "--skip-rows", "2");
        await AnswersAsTheCliDoesAsync("--instrument", "rq", "--input", _cli.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\n"));
    }

    [Theory]
    [InlineData("--instrument", "ecr-s", "--input", "x.csv")]
    [InlineData("--instrument", "rq")]
    [InlineData("--instrument", "rq", "--colour", "red")]
    [InlineData("--instrument", "rq", "--input", "missing.csv")]
    [InlineData("--instrument", "rq", "--input", "rq.csv", "--output", "/dev/null")]
    [InlineData("--instrument", "rq", "--input", "rq.csv", "--output", "data/out.csv")]
    [InlineData("--instrument", "rq", "--input", "rq.csv", "--output", "rq.csv")]
    [InlineData("--instrument", "rq", "--input", "rq.csv", "--item-columns", "Q")]
    public async Task WrongOptionsAndUnsafeDestinations(params string[] args)
    {
        _cli.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\n");
        Directory.CreateDirectory(_cli.PathOf("data"));
        string[] inFolder = [.. args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? _cli.PathOf(a) : a)];
        await AnswersAsTheCliDoesAsync(inFolder);
    }

    [Fact]
    public async Task WritesTheSameFile()
    {
        var input = _cli.File("rs.csv", "id,1,2,3,4,5,6,7,8,9\np1,2,3,4,5,6,7,1,2,6\n");
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, "--instrument", "ecr-rs", "--input", input, "--output", _cli.PathOf("cli.csv")));
        var native = await RunNativeAsync("--instrument", "ecr-rs", "--input", input, "--output", _cli.PathOf("native.csv"));
        Assert.Equal(0, native.Code);
        Assert.Equal(File.ReadAllBytes(_cli.PathOf("cli.csv")), File.ReadAllBytes(_cli.PathOf("native.csv")));
    }

    // Ctrl-C or a kill while the output is being written: the hidden, half-written file (clinical data) goes too.
    // The input is a pipe kept open, so the run is caught mid-file for certain, not by timing.
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("HUP")]
    [InlineData("QUIT")]
    [InlineData("USR1")]
    [InlineData("ALRM")]
    public async Task AKillWhileWritingLeavesNoHalfFile(string signal)
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = _cli.PathOf("answers.csv");
        using (var mkfifo = Process.Start("mkfifo", [pipe])) await mkfifo.WaitForExitAsync(ct);
        var info = new ProcessStartInfo(_published.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--instrument", "rq", "--input", pipe, "--output", _cli.PathOf("out.csv") }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        await using var writer = new StreamWriter(new FileStream(pipe, FileMode.Open, FileAccess.Write));
        // More than the reader's buffer, so it has its first rows (it reads whole buffers), then the pipe stays open.
        await writer.WriteAsync(("id,1,2,3,4\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"p{i},1,2,3,4\n"))).AsMemory(), ct);
        await writer.FlushAsync(ct);
        string[] Temporary() => Directory.GetFiles(_cli.PathOf(""), ".out.csv.*.tmp");
        for (var waited = 0; Temporary().Length == 0; waited++)
        {
            Assert.True(waited < 500, "the temporary output file never appeared");
            await Task.Delay(20, ct);
        }
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.Empty(Temporary());
        Assert.False(File.Exists(_cli.PathOf("out.csv")));
    }

    // Standard streams as a shell may hand them over, for both programs: a reader that stops early (| head) is an
    // error, not "every row scored"; standard error full or closed loses messages, never the run or its exit code;
    // standard output closed fails a run that writes there and does not matter to one that writes a file.
    [Theory]
    [InlineData("native", "{0} --instrument ecr-r --input {1} 2>{3} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}", "2")]
    [InlineData("cli", "{0} --instrument ecr-r --input {1} 2>{3} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}", "2")]
    [InlineData("native", "{0} --instrument rq --input {2} --output out.csv 2>/dev/full; echo $?", "1")]
    [InlineData("cli", "{0} --instrument rq --input {2} --output out.csv 2>/dev/full; echo $?", "1")]
    [InlineData("cli", "{0} --instrument rq --input {2} --output out.csv 2>&-; echo $?", "1")]
    [InlineData("native", "({0} --instrument rq --input {2} --output out.csv >&-); echo $?", "1")]
    [InlineData("cli", "({0} --instrument rq --input {2} --output out.csv >&-); echo $?", "1")]
    [InlineData("native", "(ulimit -f 100; {0} --instrument ecr-r --input {1} --output big-out.csv 2>{3}); echo $?; ls -A | grep -c tmp", "2\n0")]
    // (not the CLI: the .NET runtime itself stops with SIGSEGV under so small a limit, `dotnet --version` too)
    [InlineData("native", "({0} --instrument rq --input {2} >&- 2>{3}); echo $?", "2")]
    [InlineData("cli", "({0} --instrument rq --input {2} >&- 2>{3}); echo $?", "2")]
    public async Task StandardStreamsClosedFullOrCutShort(string program, string script, string expectedCode)
    {
        var big = _cli.File("big.csv", "id," + string.Join(',', Enumerable.Range(1, 36)) + "\n"
            + string.Concat(Enumerable.Range(0, 20_000).Select(r => $"p{r}," + string.Join(',', Enumerable.Range(0, 36).Select(i => 1 + (r + i) % 7)) + "\n")));
        var small = _cli.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\nB,9,2,3,4\n");
        var errors = _cli.PathOf("errors.txt");
        var command = program == "native" ? $"'{_published.Executable}'" : $"dotnet '{Path.Combine(AppContext.BaseDirectory, "securebase.dll")}' score";
        var (_, stdout, _) = await ToolProcess.RunAsync("/bin/bash", ["-c", $"cd '{_cli.PathOf("")}' && " + string.Format(CultureInfo.InvariantCulture, script, command, $"'{big}'", $"'{small}'", $"'{errors}'")], _cli.PathOf(""));
        Assert.Equal(expectedCode, stdout.Trim());
        if (script.Contains("ulimit", StringComparison.Ordinal))
        {
            Assert.Contains("big-out.csv", File.ReadAllText(errors), StringComparison.Ordinal);
            Assert.False(File.Exists(_cli.PathOf("big-out.csv")));
            return;
        }
        if (script.Contains("| head", StringComparison.Ordinal))
        {
            var message = File.ReadAllText(errors);
            Assert.StartsWith("error: ", message, StringComparison.Ordinal);
            Assert.DoesNotContain("scored", message, StringComparison.Ordinal);
        }
        if (script.Contains("out.csv", StringComparison.Ordinal))
            Assert.StartsWith("id,secure,", File.ReadAllText(_cli.PathOf("out.csv")), StringComparison.Ordinal);
        else if (script.Contains(">&-", StringComparison.Ordinal))
            Assert.Contains("standard output is closed", File.ReadAllText(errors), StringComparison.Ordinal);
    }

    // Whatever part of a message a control character comes in with (here a file name and an option), it is shown
    // as \u001B, never sent to the terminal.
    [Theory]
    [InlineData("native")]
    [InlineData("cli")]
    public async Task MessagesNeverCarryAnEscapeSequence(string program)
    {
        string[] args = ["--instrument", "rq", "--input", "\u001B[31mred.csv", "--\u001B]0;title\u0007"];
        var (code, _, stderr) = program == "native"
            ? await RunNativeAsync(args)
            : await ToolProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "securebase.dll"), "score", .. args], _cli.PathOf(""));
        Assert.Equal(2, code);
        Assert.Contains("\\u001B", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', stderr);
        Assert.DoesNotContain('\u0007', stderr);
    }

    // Scores shown on a terminal (no --output) show an id's escape sequence as \u001B; the file keeps the id as it is.
    [Fact]
    public async Task AnIdsEscapeSequenceNeverReachesTheTerminal()
    {
        var input = _cli.File("rq.csv", "id,1,2,3,4\n\"\u001B[2Jwipe\",1,2,3,4\n");
        var (_, stdout, _) = await ToolProcess.RunAsync("/usr/bin/script", ["-qec", $"'{_published.Executable}' --instrument rq --input '{input}'", "/dev/null"], _cli.PathOf(""));
        Assert.Contains("\\u001B[2Jwipe,1.000,", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001B[2J", stdout, StringComparison.Ordinal);
        await RunNativeAsync("--instrument", "rq", "--input", input, "--output", _cli.PathOf("out.csv"));
        Assert.Contains("\u001B[2Jwipe,", File.ReadAllText(_cli.PathOf("out.csv")), StringComparison.Ordinal);
    }

    // Checking that an output is not in the installation's data or key folder never makes those folders: a
    // researcher's machine may have no writable home folder.
    [Fact]
    public async Task WritingAFileMakesNoFoldersInTheHomeFolder()
    {
        var home = _cli.PathOf("no-such-home");
        var input = _cli.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\n");
        var (code, _, stderr) = await ToolProcess.RunAsync("/usr/bin/env", ["-u", "XDG_DATA_HOME", $"HOME={home}", _published.Executable, "--instrument", "rq", "--input", input, "--output", _cli.PathOf("out.csv")], installation: null);
        Assert.True(code == 0, stderr);
        Assert.False(Directory.Exists(home));
    }

    // With standard error closed the output file (or standard output) takes its descriptor: messages must not land there.
    [Fact]
    public async Task MessagesNeverLandInTheOutputWhenStandardErrorIsClosed()
    {
        var input = _cli.File("rq.csv", "id,1,2,3,4\nA,1,2,3,4\nB,9,2,3,4\n");
        var (code, stdout, _) = await ToolProcess.RunAsync("/bin/sh", ["-c", $"'{_published.Executable}' --instrument rq --input '{input}' 2>&-"], _cli.PathOf(""));
        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);   // the header and A: no "line 3: rejected", no "1 row scored"
        Assert.StartsWith("id,secure,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("A,1.000,", lines[1], StringComparison.Ordinal);
        await ToolProcess.RunAsync("/bin/sh", ["-c", $"'{_published.Executable}' --instrument rq --input '{input}' --output '{_cli.PathOf("out.csv")}' 2>&-"], _cli.PathOf(""));
        Assert.DoesNotContain("rejected", File.ReadAllText(_cli.PathOf("out.csv")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("--instrument", "rq", "--help")]
    public async Task HelpSaysWhatItIs(params string[] args)
    {
        await AnswersAsTheCliDoesAsync(args);
        Assert.Equal(0, _cli.Run(ScoreCsv.Run, args));
        Assert.Contains("securebase score --instrument ID --input FILE", _cli.Stdout, StringComparison.Ordinal);
    }
}
