using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;

namespace SecureBase.Data;

// Clinical data and the key ring are for this process's user alone: folders 0700, files 0600.
// A umask of 077 covers every file the process creates later (SQLite's -wal and -shm, new key-ring
// files, mail), and at start-up anything already there with wider permissions is narrowed.
public static partial class FilePermissions
{
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Narrows new files, then the data and key folders and everything in them. Returns what it had to narrow.
    public static IReadOnlyList<string> Secure(IConfiguration configuration)
    {
        if (OperatingSystem.IsWindows()) return [];
        _ = Umask(0b000_111_111);   // returns the previous mask; it cannot fail
        var narrowed = new List<string>();
        foreach (var folder in new[] { DataPaths.DataDirectory(configuration), DataPaths.KeyDirectory(configuration) }.Distinct())
            Narrow(new DirectoryInfo(folder), narrowed);
        return narrowed;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void Narrow(DirectoryInfo folder, List<string> narrowed)
    {
        Set(folder, PrivateFolder, narrowed);
        foreach (var file in folder.EnumerateFiles()) Set(file, PrivateFile, narrowed);
        foreach (var sub in folder.EnumerateDirectories()) Narrow(sub, narrowed);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void Set(FileSystemInfo entry, UnixFileMode mode, List<string> narrowed)
    {
        if ((entry.UnixFileMode & ~mode) == 0) return;
        try
        {
            entry.UnixFileMode &= mode;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException($"Refusing to start: {entry.FullName} can be read by other users and its permissions cannot be narrowed ({e.Message}).", e);
        }
        narrowed.Add(entry.FullName);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
