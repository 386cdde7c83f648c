using System.Diagnostics;

namespace SecureBase.Cli.Tests;

// Runs a built program as a user runs it: its exit code and what it wrote to each stream.
internal static class ToolProcess
{
    // installation: a folder whose data/ and keys/ the program uses instead of the user's own.
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> args, string? installation)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (installation is not null)
        {
            info.Environment["SecureBase__DataDirectory"] = Path.Combine(installation, "data");
            info.Environment["SecureBase__KeyDirectory"] = Path.Combine(installation, "keys");
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
