using System.Data;
using System.Data.Common;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace SecureBase.Data.Backup;

/// <summary>What one backup wrote: the data folder (database file and manifest) and, apart from it, the key ring archive.</summary>
public sealed record BackupResult(string Folder, BackupManifest Manifest, string? KeyRingArchive);

/// <summary>
/// Online backups while the app serves (issue 12, goal G11). SQLite: <c>VACUUM INTO</c>, which copies one
/// read snapshot (sqlite.org/lang_vacuum.html#vacuuminto), so every write committed before it began is in the
/// copy and none is half in it. PostgreSQL: <c>pg_dump -Fc</c> under a snapshot exported from a repeatable-read
/// transaction, in which the manifest's row counts are taken too. The key ring is written to its own
/// archive in another folder: a backup holding both the data and its keys would open to whoever holds it.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>
    /// Writes <c>securebase-backup-{UTC stamp}</c> under <paramref name="toFolder"/> and, when <paramref name="keysToFolder"/>
    /// is given, <c>securebase-keys-{stamp}.zip</c> there. Throws <see cref="BackupException"/> when the two
    /// destinations are one inside the other, or a tool fails.
    /// </summary>
    public static async Task<BackupResult> CreateAsync(AppDbContext db, IConfiguration configuration, string toFolder, string? keysToFolder, DateTimeOffset now, CancellationToken ct)
    {
        toFolder = RealPath(toFolder);
        var dataDirectory = RealPath(DataPaths.DataDirectory(configuration));
        var keyDirectory = RealPath(DataPaths.KeyDirectory(configuration));
        NotAFile(toFolder, "--to");
        if (Inside(toFolder, dataDirectory) || Inside(toFolder, keyDirectory) || Inside(keyDirectory, toFolder))
            throw new BackupException($"Back up to a folder outside SecureBase's data folder ({dataDirectory}) and key folder ({keyDirectory}): a backup beside the live files is lost with them.");
        if (keysToFolder is not null)
        {
            keysToFolder = RealPath(keysToFolder);
            NotAFile(keysToFolder, "--keys-to");
            if (Inside(keysToFolder, toFolder) || Inside(toFolder, keysToFolder))
                throw new BackupException("Save the key ring somewhere else than the data: --keys-to must not be the backup folder, inside it or around it. " +
                                          "Whoever holds both can read every note.");
            if (Inside(keysToFolder, dataDirectory) || Inside(keysToFolder, keyDirectory))
                throw new BackupException($"Save the key ring outside SecureBase's data folder and key folder: --keys-to {keysToFolder} is inside one of them.");
            if (!Directory.Exists(keyDirectory) || Directory.GetFiles(keyDirectory, "*.xml").Length == 0)
                throw new BackupException($"The key folder {keyDirectory} holds no keys: the web app makes them when it first starts. Is SecureBase:KeyDirectory set as the app has it?");
        }
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var folder = Path.Combine(toFolder, $"securebase-backup-{stamp}");
        if (Directory.Exists(folder)) throw new BackupException($"{folder} exists already (another backup this second?); wait a second and run the backup again.");
        var partial = $"{folder}.partial-{Guid.NewGuid():N}";   // each run its own, so two at once never take each other's
        if (!Directory.Exists(toFolder)) CreatePrivateFolder(toFolder);
        CreatePrivateFolder(partial);
        try
        {
            var manifest = db.Database.IsSqlite()
                ? await SqliteAsync(db, partial, now, ct)
                : await PostgresAsync(db, configuration, partial, now, ct);
            manifest.Save(partial);
            try
            {
                Directory.Move(partial, folder);   // only a finished backup carries the final name
            }
            catch (IOException)
            {
                throw new BackupException($"{folder} exists already (another backup this second?); wait a second and run the backup again.");
            }
            try
            {
                var keys = keysToFolder is null ? null : SaveKeyRing(keyDirectory, keysToFolder, stamp);
                return new BackupResult(folder, manifest, keys);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);   // a backup whose key ring was not saved would be half a backup
                throw;
            }
        }
        catch (Exception e) when (e is not BackupException && DatabaseFaults.IsUnavailable(e) || e is System.Data.Common.DbException)
        {
            throw new BackupException($"The database could not be read or the backup written: {e.Message}");
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }

    static async Task<BackupManifest> SqliteAsync(AppDbContext db, string folder, DateTimeOffset now, CancellationToken ct)
    {
        var file = Path.Combine(folder, "database.sqlite");
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (!File.Exists(source)) throw new BackupException($"There is no database at {source} (SecureBase:DataDirectory) to back up.");
        await using (var live = new SqliteConnection(db.Database.GetConnectionString()))
        {
            await live.OpenAsync(ct);
            await using var vacuum = live.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", file);
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        // The copy leaves WAL mode, so it is one self-contained file; its counts are the snapshot's.
        IReadOnlyDictionary<string, long> rows;
        string? migration;
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString))
        {
            await copy.OpenAsync(ct);
            await Execute(copy, "PRAGMA journal_mode=DELETE;", ct);
            rows = await CountRowsAsync(copy, await TablesAsync(copy, "Sqlite", ct), ct);
            migration = await NewestMigrationAsync(copy, ct);
        }
        return new BackupManifest(BackupManifest.CurrentFormat, "Sqlite", now, Path.GetFileName(file), new FileInfo(file).Length, BackupManifest.HashOf(file), migration, rows);
    }

    static async Task<BackupManifest> PostgresAsync(AppDbContext db, IConfiguration configuration, string folder, DateTimeOffset now, CancellationToken ct)
    {
        var file = Path.Combine(folder, "database.pgdump");
        var connectionString = db.Database.GetConnectionString()!;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var export = connection.CreateCommand();
        export.CommandText = "SELECT pg_export_snapshot()";
        var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        string? migration;
        try
        {
            migration = await NewestMigrationAsync(connection, ct);
        }
        catch (PostgresException)
        {
            throw new BackupException($"The database {connection.Database} holds no SecureBase data (it has no migrations history) to back up.");
        }
        var rows = await CountRowsAsync(connection, await TablesAsync(connection, "Postgres", ct), ct);
        await PostgresTools.RunAsync(configuration, connectionString, "pg_dump", ["--format=custom", $"--snapshot={snapshot}", "--no-owner", "--no-privileges", $"--file={file}"], ct);
        await transaction.CommitAsync(ct);
        return new BackupManifest(BackupManifest.CurrentFormat, "Postgres", now, Path.GetFileName(file), new FileInfo(file).Length, BackupManifest.HashOf(file), migration, rows);
    }

    // The key folder's XML files and the erasure ledger in one zip, readable by this user only.
    static string SaveKeyRing(string keyDirectory, string keysToFolder, string stamp)
    {
        var keys = Directory.GetFiles(keyDirectory, "*.xml");
        var ledger = Path.Combine(keyDirectory, Accounts.AccountErasure.LedgerFile);
        if (keys.Length == 0) throw new BackupException($"The key folder {keyDirectory} holds no keys: is SecureBase:KeyDirectory set as the app has it?");
        if (!Directory.Exists(keysToFolder)) CreatePrivateFolder(keysToFolder);
        var archive = Path.Combine(keysToFolder, $"securebase-keys-{stamp}.zip");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FilePermissions.PrivateFile;
        using (var stream = new FileStream(archive, options))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            foreach (var key in File.Exists(ledger) ? keys.Append(ledger) : keys) zip.CreateEntryFromFile(key, Path.GetFileName(key));
        return archive;
    }

    // The tables the database holds (not the ones this version's model expects: a backup before an upgrade
    // is of the older schema).
    internal static async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection, string provider, CancellationToken ct)
    {
        await using var list = connection.CreateCommand();
        list.CommandText = provider == "Sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        var tables = new List<string>();
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        return tables.Order(StringComparer.Ordinal).ToList();
    }

    internal static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(DbConnection connection, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        return rows;
    }

    internal static async Task<string?> NewestMigrationAsync(DbConnection connection, CancellationToken ct)
    {
        await using var newest = connection.CreateCommand();
        newest.CommandText = "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"";
        return await newest.ExecuteScalarAsync(ct) as string;
    }

    internal static async Task Execute(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, FilePermissions.PrivateFolder);
    }

    static void NotAFile(string path, string option)
    {
        if (File.Exists(path)) throw new BackupException($"{option} {path} is a file; give a folder.");
    }

    // The path with every symbolic link along it followed, so "inside" compares real places.
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            real = Path.Combine(real, part);
            FileSystemInfo info = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                real = RealPath(target.FullName);
        }
        return real;
    }

    internal static bool Inside(string path, string folder)
    {
        var p = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        var f = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return p.StartsWith(f, StringComparison.Ordinal);
    }
}
