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
        toFolder = Path.GetFullPath(toFolder);
        if (keysToFolder is not null)
        {
            keysToFolder = Path.GetFullPath(keysToFolder);
            if (Inside(keysToFolder, toFolder) || Inside(toFolder, keysToFolder))
                throw new BackupException("Save the key ring somewhere else than the data: --keys-to must not be the backup folder, inside it or around it. " +
                                          "Whoever holds both can read every note.");
            var keyDirectory = DataPaths.KeyDirectory(configuration);
            if (Inside(toFolder, keyDirectory) || Inside(keyDirectory, toFolder))
                throw new BackupException("Do not back up into the key folder (or the key folder into the backup): keep the two apart.");
        }
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var folder = Path.Combine(toFolder, $"securebase-backup-{stamp}");
        if (Directory.Exists(folder)) throw new BackupException($"{folder} exists already; wait a second and run the backup again.");
        var partial = folder + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        CreatePrivateFolder(partial);
        try
        {
            var manifest = db.Database.IsSqlite()
                ? await SqliteAsync(db, partial, now, ct)
                : await PostgresAsync(db, configuration, partial, now, ct);
            manifest.Save(partial);
            Directory.Move(partial, folder);   // only a finished backup carries the final name
            var keys = keysToFolder is null ? null : SaveKeyRing(DataPaths.KeyDirectory(configuration), keysToFolder, stamp);
            return new BackupResult(folder, manifest, keys);
        }
        catch
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            throw;
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
            rows = await CountRowsAsync(copy, Tables(db), ct);
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
        var rows = await CountRowsAsync(connection, Tables(db), ct);
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

    // Every table of the model, and the migrations history.
    internal static IReadOnlyList<string> Tables(AppDbContext db) =>
        db.Model.GetEntityTypes().Where(t => t.GetViewName() is null).Select(t => t.GetTableName()).OfType<string>()
            .Append("__EFMigrationsHistory").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

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

    internal static bool Inside(string path, string folder)
    {
        var p = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        var f = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return p.StartsWith(f, StringComparison.Ordinal);
    }
}
