using System.Runtime.InteropServices;
using nietras.SeparatedValues;
using SecureBase.Core.Export;

namespace SecureBase.Cli.Batch;

// Where a batch command writes its CSV: standard output, or a file that appears whole or not at all.
// A file is written beside its destination under a temporary name and renamed over it at the end, so
// a failure half-way leaves the destination as it was; the input file is never a destination. Every
// cell goes through SpreadsheetSafe, so no column can carry a formula into a spreadsheet.
internal sealed partial class CsvOutput : IDisposable
{
    private readonly TextWriter _text;
    private readonly SepWriter _writer;
    private readonly string? _temporary;
    private readonly string? _destination;
    // Ctrl-C, Ctrl-\ or a kill (TERM, HUP, USR1, USR2, ALRM) while a file is written: the half-written temporary
    // file (clinical data) is removed first. kill -9 cannot be caught.
    private readonly PosixSignalRegistration[] _signals = [];

    private CsvOutput(TextWriter text, string? temporary, string? destination)
    {
        (_text, _temporary, _destination) = (text, temporary, destination);
        _writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text, leaveOpen: true);
        if (temporary is null || OperatingSystem.IsWindows()) return;
        _signals = [.. Stopping.Select(signal => PosixSignalRegistration.Create(signal, _ => File.Delete(temporary)))];   // the signal then ends the process as before
        // A file-size limit (ulimit -f) sends SIGXFSZ, which would end the process and leave the temporary file:
        // ignored, the write fails instead ("File too large") and the run ends as any failed write does.
        if (OperatingSystem.IsLinux()) _ = IgnoreSignal(FileSizeLimit, IgnoreHandler);
    }

    // The signals that end a process unless it handles them and that a user or a tool sends (timeout -s ALRM, a
    // job manager's USR1); the raw numbers are Linux's.
    static PosixSignal[] Stopping => OperatingSystem.IsLinux()
        ? [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT, (PosixSignal)10, (PosixSignal)12, (PosixSignal)14]
        : [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    const int FileSizeLimit = 25;   // SIGXFSZ on Linux
    const nint IgnoreHandler = 1;   // SIG_IGN

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint IgnoreSignal(int signal, nint handler);

    public static CsvOutput ToStandardOutput(TextWriter stdout) => new(stdout, null, null);

    // Null, after one line on stderr, when the destination cannot be written (OutputFile.Check).
    public static CsvOutput? ToFile(string path, string inputPath, CliSettings settings, TextWriter stderr)
    {
        if (OutputFile.Check(path, settings, inputPath, stderr) is not { } destination) return null;
        var temporary = OutputFile.TemporaryBeside(destination);
        try
        {
            return new CsvOutput(new StreamWriter(OutputFile.CreatePrivate(temporary), new System.Text.UTF8Encoding(false), bufferSize: 1 << 16), temporary, destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write to '{path}': {Reason(e, temporary, path)}");
            return null;
        }
    }

    // For a command that writes its rows itself (score, through CsvLine): the text they go to.
    internal TextWriter Text => _text;

    public void Row(params (string Name, string? Value)[] cells)
    {
        using var row = _writer.NewRow();
        foreach (var (name, value) in cells) row[name].Set(SpreadsheetSafe.Cell(value));
    }

    // Finishes the file: renames it over the destination. False, after one line on stderr, when that fails.
    public bool Complete(TextWriter stderr)
    {
        foreach (var signal in _signals) signal.Dispose();
        _writer.Dispose();
        _text.Flush();
        if (_temporary is null) return true;
        try
        {
            _text.Dispose();
            File.Move(_temporary, _destination!, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write to '{_destination}': {Reason(e, _temporary, _destination!)}");
            return false;
        }
    }

    /// <summary>An error's message naming the destination where it named the hidden temporary file (a full disk).</summary>
    /// <remarks>"cannot write to 'scores.csv': No space left on device", where .NET says "No space left on device :
    /// '/…/.scores.csv.1a2b3c4d5e6f.tmp'"; any other message as it is.</remarks>
    public string Explain(Exception e) =>
        _temporary is not null && e.Message.Contains(_temporary, StringComparison.Ordinal)
            ? $"cannot write to '{_destination}': {e.Message.Replace($" : '{_temporary}'", "", StringComparison.Ordinal).Replace(_temporary, _destination, StringComparison.Ordinal)}"
            : e.Message;

    // Why, in words about the file the user named, not the hidden temporary one beside it.
    static string Reason(Exception e, string temporary, string destination) =>
        e is UnauthorizedAccessException ? "permission denied (the folder must be writable)" : e.Message.Replace(temporary, destination, StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
        if (_temporary is null)
        {
            _writer.Dispose();
            return;
        }
        try
        {
            _writer.Dispose();
            _text.Dispose();   // flushes: on a full disk, fails again
        }
        catch (IOException)
        {
            // the run has already said why it failed; the temporary file goes all the same
        }
        finally
        {
            if (File.Exists(_temporary)) File.Delete(_temporary);
        }
    }
}
