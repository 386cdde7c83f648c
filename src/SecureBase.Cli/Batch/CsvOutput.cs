using nietras.SeparatedValues;
using SecureBase.Core.Export;

namespace SecureBase.Cli.Batch;

// Where a batch command writes its CSV: standard output, or a file that appears whole or not at all.
// A file is written beside its destination under a temporary name and renamed over it at the end, so
// a failure half-way leaves the destination as it was; the input file is never a destination. Every
// cell goes through SpreadsheetSafe, so no column can carry a formula into a spreadsheet.
internal sealed class CsvOutput : IDisposable
{
    private readonly TextWriter _text;
    private readonly SepWriter _writer;
    private readonly string? _temporary;
    private readonly string? _destination;

    private CsvOutput(TextWriter text, string? temporary, string? destination)
    {
        (_text, _temporary, _destination) = (text, temporary, destination);
        _writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text, leaveOpen: true);
    }

    public static CsvOutput ToStandardOutput(TextWriter stdout) => new(stdout, null, null);

    // Null, after one line on stderr, when the destination cannot be written or is the input.
    public static CsvOutput? ToFile(string path, string inputPath, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || path.Contains('\0', StringComparison.Ordinal))
            return Fail(stderr, "--output needs a file name.");
        if (Directory.Exists(path)) return Fail(stderr, $"--output '{path}' is a folder; give a file name.");
        var destination = Resolve(path);
        if (string.Equals(destination, Resolve(inputPath), StringComparison.Ordinal))
            return Fail(stderr, $"--output '{path}' is the input file; choose another file so the input stays as it is.");
        var folder = Path.GetDirectoryName(destination)!;
        if (!Directory.Exists(folder)) return Fail(stderr, $"the folder of --output '{path}' does not exist.");
        if (IsSpecial(destination))
            return Fail(stderr, $"--output '{path}' is a device, pipe or system file; give a file name (or leave --output out to write to standard output).");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Scores are clinical data: the file is the user's alone (0600), like the app's own files.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return new CsvOutput(new StreamWriter(temporary, new System.Text.UTF8Encoding(false), options), temporary, destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot write to '{path}': {e.Message}");
        }
    }

    int _rows;

    public void Row(params (string Name, string? Value)[] cells)
    {
        _rows++;
        using var row = _writer.NewRow();
        foreach (var (name, value) in cells) row[name].Set(SpreadsheetSafe.Cell(value));
    }

    // Only the header, for an input with no rows: the output still says what its columns are.
    public void HeaderOnly(IEnumerable<string> names)
    {
        if (_rows > 0) return;
        _writer.Dispose();
        _text.WriteLine(string.Join(',', names));
    }

    // Finishes the file: renames it over the destination. False, after one line on stderr, when that fails.
    public bool Complete(TextWriter stderr)
    {
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
            stderr.WriteLine($"error: cannot write to '{_destination}': {e.Message}");
            return false;
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (_temporary is null) return;
        _text.Dispose();
        if (File.Exists(_temporary)) File.Delete(_temporary);
    }

    // The output replaces its destination by renaming a new file over it, which must never happen to a
    // device (/dev/null), a pipe or a file under /proc or /sys. .NET does not expose a file's type, and
    // opening a pipe to look would block, so an existing destination is asked of coreutils' stat.
    static readonly string[] SystemFolders = ["/dev/", "/proc/", "/sys/"];

    static bool IsSpecial(string destination)
    {
        if (SystemFolders.Any(p => destination.StartsWith(p, StringComparison.Ordinal))) return true;
        if (OperatingSystem.IsWindows() || !Path.Exists(destination)) return false;
        var info = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-L", "--format=%F", "--", destination }) info.ArgumentList.Add(arg);
        try
        {
            using var stat = System.Diagnostics.Process.Start(info)!;
            var type = stat.StandardOutput.ReadToEnd();
            stat.WaitForExit();
            return stat.ExitCode == 0 && !type.StartsWith("regular", StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;   // no stat on this machine: only the folder rule applies
        }
    }

    // The full path with symbolic links followed, so a link to the input is the input.
    static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        return (File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName : null) ?? full;
    }

    static CsvOutput? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}
