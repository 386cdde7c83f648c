using Microsoft.Extensions.Configuration;

namespace SecureBase.Data;

// Where an installation keeps its files. The defaults are per-user folders, so the web app and the
// CLI find the same database whatever folder they are started from; the key ring has its own folder,
// apart from the database (a copy of the data folder alone cannot decrypt anything).
public static class DataPaths
{
    public static string DataDirectory(IConfiguration configuration) => Ensure(ConfiguredDataDirectory(configuration));

    static string ConfiguredDataDirectory(IConfiguration configuration, bool create = true) =>
        configuration["SecureBase:DataDirectory"] ?? Path.Combine(UserData(create), "securebase", "data");

    public static string KeyDirectory(IConfiguration configuration) => Ensure(ConfiguredKeyDirectory(configuration));

    static string ConfiguredKeyDirectory(IConfiguration configuration, bool create = true) =>
        configuration["SecureBase:KeyDirectory"] ?? Path.Combine(UserData(create), "securebase", "keys");

    /// <summary>
    /// Which of the installation's own folders (the data folder or the key folder) holds <paramref name="path"/>,
    /// symbolic links followed, or null: no export or other output may be written there (it could replace the
    /// live database or a key, or leave clinical data beside the keys).
    /// </summary>
    public static string? LiveFolderHolding(IConfiguration configuration, string path)
    {
        // The folders as configured, not made: asking must not create them (a researcher's run of the batch scorer
        // once made both, and failed without a writable home folder).
        var real = Backup.DatabaseBackup.RealPath(path);
        if (Backup.DatabaseBackup.Inside(real, Backup.DatabaseBackup.RealPath(ConfiguredDataDirectory(configuration, create: false)))) return "the data folder";
        if (Backup.DatabaseBackup.Inside(real, Backup.DatabaseBackup.RealPath(ConfiguredKeyDirectory(configuration, create: false)))) return "the key folder";
        return null;
    }

    /// <summary>Whether the SQLite database file exists (without creating its folder); true for PostgreSQL, which says so itself on connecting.</summary>
    public static bool DatabaseMayExist(IConfiguration configuration)
    {
        if (!string.Equals(configuration["Database:Provider"] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase)) return true;
        return File.Exists(Path.Combine(ConfiguredDataDirectory(configuration, create: false), "securebase.db"));
    }

    static string UserData(bool create = true) =>
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, create ? Environment.SpecialFolderOption.Create : Environment.SpecialFolderOption.DoNotVerify);

    static string Ensure(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
        else Directory.CreateDirectory(full, FilePermissions.PrivateFolder);   // only for the folder it creates; FilePermissions narrows the rest
        return full;
    }
}
