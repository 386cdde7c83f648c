using SecureBase.Cli;
using SecureBase.Cli.Batch;

// securebase-score: `securebase score` as a program of its own, compiled ahead of time (ADR 0027): the same
// options, output, messages and exit codes (0 done, 1 some rows rejected or skipped though they read as answers,
// 2 nothing done).
StandardStreams.Guard();   // closed, full or cut short: messages may be lost, never the run or its exit code
try
{
    using var output = new StreamWriter(StandardStreams.Output(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
    return ScoreCsv.Run(CliSettings.Load(), args, output, Console.Error);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A disk that fills, a file that vanishes, a folder without permission: one line, never a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
