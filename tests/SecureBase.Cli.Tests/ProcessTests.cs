namespace SecureBase.Cli.Tests;

// The built tool as a user runs it: the command table, standard streams and exit codes.
public class ProcessTests
{
    static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(args, null);

    // installation: a folder whose data/ and keys/ the tool uses instead of the user's own.
    static Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args, string? installation) =>
        ToolProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "securebase.dll"), .. args], installation);

    [Fact]
    public async Task ScoresFromTheCommandLine()
    {
        var input = Path.Combine(Path.GetTempPath(), $"rq-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(input, "id,1,2,3,4\nr1,6,2,3,5\nr2,9,1,1,1\n", TestContext.Current.CancellationToken);
        try
        {
            var (code, stdout, stderr) = await RunAsync("score", "--instrument", "rq", "--input", input);
            Assert.Equal(1, code);
            Assert.Contains("r1,6.000,", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("r2", stdout, StringComparison.Ordinal);
            Assert.Contains("line 3: rejected: item 1: 9 is outside the scale 1–7", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task AnUnknownCommandPrintsUsageAndFails()
    {
        var (code, _, stderr) = await RunAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.StartsWith("error: unknown command 'frobnicate'.", stderr, StringComparison.Ordinal);
        Assert.Contains("score --instrument ID --input FILE", stderr, StringComparison.Ordinal);
    }

    // A damaged database is one line and exit code 2 for every command that opens it, never a stack trace.
    [Fact]
    public async Task ADamagedDatabaseIsOneLineNotAStackTrace()
    {
        var folder = Directory.CreateTempSubdirectory("securebase-damaged-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            await File.WriteAllTextAsync(Path.Combine(folder, "data", "securebase.db"), new string('x', 8192), TestContext.Current.CancellationToken);
            foreach (var command in new[] { new[] { "export-fhir" }, ["audit", "verify"], ["norms", "list"], ["demo"] })
            {
                var (code, _, stderr) = await RunAsync(command, folder);
                Assert.True(code == 2, $"{string.Join(' ', command)}: exit {code}: {stderr}");
                Assert.StartsWith("error: the database could not be used:", stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
