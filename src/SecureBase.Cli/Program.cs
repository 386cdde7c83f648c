using SecureBase.Cli;
using SecureBase.Cli.Demo;
using SecureBase.Cli.Instruments;
using SecureBase.Cli.Batch;
using SecureBase.Cli.Practice;

// securebase — operator and researcher tasks without the web host. Exit codes: 0 done,
// 1 done but some input rows were rejected (or skipped though they read as answers), 2 nothing done (usage,
// missing file, unknown instrument, an output that could not be written).
StandardStreams.Guard();   // closed, full or cut short: messages may be lost, never the run or its exit code
var settings = CliSettings.Load();
var (stdout, stderr) = (Console.Out, Console.Error);

try
{
    return args switch
    {
        ["instruments", .. var rest] => ListInstruments.Run(settings, rest, stdout, stderr),
        ["score", .. var rest] => Buffered(output => ScoreCsv.Run(settings, rest, output, stderr)),
        ["norms", "import" or "list" or "remove", ..] => await NormsCommand.RunAsync(settings, args[1..], stdout, stderr),
        ["norms", .. var rest] => Buffered(output => NormsCsv.Run(settings, rest, output, stderr)),
        ["demo", .. var rest] => await DemoCommand.RunAsync(settings, rest, stdout, stderr),
        ["setup", .. var rest] => await SetupCommand.RunAsync(settings, rest, Console.In, stdout, stderr),
        ["audit", .. var rest] => await AuditCommand.RunAsync(settings, rest, stdout, stderr),
        ["backup", .. var rest] => await BackupCommand.BackupAsync(settings, rest, stdout, stderr),
        ["restore", .. var rest] => await BackupCommand.RestoreAsync(settings, rest, stdout, stderr),
        ["export-fhir", .. var rest] => await ExportFhirCommand.RunAsync(settings, rest, stdout, stderr),
        ["help" or "--help" or "-h"] => Usage.Print(stdout, 0),
        [var unknown, ..] => Unknown(unknown, stderr),
        [] => Usage.Print(stderr, 2),
    };
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A disk that fills, a file that vanishes, a folder without permission: one line, never a stack trace.
    stderr.WriteLine($"error: {e.Message}");
    return 2;
}
catch (Exception e) when (e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
{
    // A damaged or locked database, or one that is not there: one line, never a stack trace.
    stderr.WriteLine($"error: the database could not be used: {(e.InnerException ?? e).Message.Split('\n')[0].Trim()}");
    return 2;
}

static int Unknown(string command, TextWriter stderr)
{
    stderr.WriteLine($"error: unknown command '{command}'.");
    return Usage.Print(stderr, 2);
}

// Batch output through one 64 KB buffer: Console.Out flushes every write, and a flush per row was most
// of the time of scoring 200,000 rows. Interactive commands keep Console.Out (their prompts must show).
static int Buffered(Func<TextWriter, int> run)
{
    using var output = new StreamWriter(StandardStreams.Output(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
    return run(output);
}
