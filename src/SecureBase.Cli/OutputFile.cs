using System.Runtime.InteropServices;
using SecureBase.Data;

namespace SecureBase.Cli;

// Where a command may write the file named by --output ("-" means standard output, handled by the caller).
// The file is written beside its destination under a hidden temporary name, readable by its owner alone
// (it holds clinical data), and renamed over the destination only when whole; so the destination must be
// an ordinary file or a new name, never the input, a device, a folder, or anything in the installation's
// data or key folder (a rename there replaced the live database in testing).
internal static partial class OutputFile
{
    static readonly string[] SystemFolders = ["/dev/", "/proc/", "/sys/"];

    /// <summary>The destination's full path with links followed, or null after one line on stderr saying why not.</summary>
    public static string? Check(string path, CliSettings settings, string? inputPath, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            return Fail(stderr, "--output needs a file name (or - for standard output).");
        if (Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
            return Fail(stderr, $"--output '{path}' is a folder; give a file name.");
        var destination = Resolve(path);
        if (inputPath is not null && string.Equals(destination, Resolve(inputPath), StringComparison.Ordinal))
            return Fail(stderr, $"--output '{path}' is the input file; choose another file so the input stays as it is.");
        var folder = Path.GetDirectoryName(destination)!;
        if (File.Exists(folder)) return Fail(stderr, $"--output '{path}' is inside '{Path.GetDirectoryName(path)}', which is a file, not a folder.");
        if (!Directory.Exists(folder)) return Fail(stderr, $"the folder of --output '{path}' does not exist.");
        if (IsSpecial(destination))
            return Fail(stderr, $"--output '{path}' is a device, pipe or system file; give a file name, or - for standard output.");
        if (File.Exists(destination) && !Writable(destination))
            return Fail(stderr, $"--output '{path}' is write-protected; choose another file, or make it writable if it may be replaced.");
        if (DataPaths.LiveFolderHolding(settings.Configuration, destination) is { } live)
            return Fail(stderr, $"--output '{path}' is inside {live} of this installation; write exports somewhere else (they would replace its files or sit beside its keys).");
        return destination;
    }

    // ".scores.csv.1a2b3c4d5e6f.tmp": the name cut to 200 characters, so that the temporary name fits where the
    // destination's does (255 bytes a name on most file systems).
    public static string TemporaryBeside(string destination)
    {
        var name = Path.GetFileName(destination);
        return Path.Combine(Path.GetDirectoryName(destination)!, $".{name[..Math.Min(name.Length, 200)]}.{Guid.NewGuid().ToString("N")[..12]}.tmp");
    }

    /// <summary>A new file that only its owner can read and write (0600 on Unix).</summary>
    public static FileStream CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    // A device (/dev/null), a pipe or a file under /proc or /sys must never be renamed over. .NET does not
    // expose a file's type, and opening a pipe to look would block, so on Linux an existing destination is asked of
    // statx(2), following links. (This was coreutils' stat, run as a process: 5 ms of every run whose output file
    // existed, issue 11.) Elsewhere only the folder rule applies.
    static bool IsSpecial(string destination)
    {
        if (SystemFolders.Any(p => destination.StartsWith(p, StringComparison.Ordinal))) return true;
        return OperatingSystem.IsLinux() && Path.Exists(destination) && FileType(destination) is { } type && type != RegularFile;
    }

    const int RegularFile = 0x8000;   // S_IFREG

    // The file type bits of st_mode (S_IFMT), or null when statx cannot say (the file went away, or a C library without it).
    static unsafe int? FileType(string path)
    {
        // struct statx is the same on every Linux architecture: 256 bytes, stx_mode a 16-bit field at offset 28.
        const int AtCurrentFolder = -100, StatxType = 0x1;
        var buffer = stackalloc byte[256];
        try
        {
            return Statx(AtCurrentFolder, path, 0, StatxType, buffer) == 0 ? *(ushort*)(buffer + 28) & 0xF000 : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int folder, string path, int flags, uint mask, byte* buffer);

    // Whether the existing file may be written by us: opened for writing, not truncated, closed at once. The rename
    // that replaces it needs only the folder's permission, so without this a read-only file would be replaced.
    static bool Writable(string destination)
    {
        // Root may open any file for writing, so a file nobody may write (chmod a-w) is refused by its mode too.
        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(destination) & anyWrite) == 0) return false;
        try
        {
            using var _ = new FileStream(destination, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    // The path with a final symbolic link followed (a link to /dev/null is /dev/null).
    static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        return (File.Exists(full) || Directory.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName : null) ?? full;
    }

    static string? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}
