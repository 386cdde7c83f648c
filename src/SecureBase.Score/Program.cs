using SecureBase.Cli;
using SecureBase.Cli.Batch;

// securebase-score: `securebase score` as a program of its own, compiled ahead of time (ADR 0027): the same
// options, output, messages and exit codes (0 done, 1 some rows rejected, 2 nothing done).
// With standard error closed (2>&-) the first file opened takes its descriptor, and every message would land in
// that file (the output CSV): messages then go nowhere instead.
if (OperatingSystem.IsLinux() && !File.Exists("/proc/self/fd/2")) Console.SetError(TextWriter.Null);
try
{
    using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
    return ScoreCsv.Run(CliSettings.Load(), args, output, Console.Error);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A disk that fills, a file that vanishes, a folder without permission: one line, never a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
