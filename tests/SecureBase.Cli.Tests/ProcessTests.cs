using System.Diagnostics;

namespace SecureBase.Cli.Tests;

// The built tool as a user runs it: the command table, standard streams and exit codes.
public class ProcessTests
{
    static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "securebase.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

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
        Assert.Contains("score --instrument ID --input FILE", stderr, StringComparison.Ordinal);
    }
}
