using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureBase.Data.Accounts;
using SecureBase.Data.Encryption;
using SecureBase.Data.Model;

namespace SecureBase.Data.Backup;

/// <summary>What a restore put back: the manifest it trusted, rows per table (equal to the manifest's) and the data keys it opened.</summary>
public sealed record RestoreResult(BackupManifest Manifest, IReadOnlyDictionary<string, long> Rows, int DataKeysOpened, int ErasedAgain);

/// <summary>
/// Puts a backup made by <see cref="DatabaseBackup"/> into an empty database (the one the configuration
/// names) and its key ring archive into an empty key folder, checking on the way: the file's size and
/// SHA-256 against the manifest, <c>PRAGMA integrity_check</c> (SQLite) or pg_restore's success in one
/// transaction (PostgreSQL), every table's row count against the manifest, and that the key ring opens every
/// stored data key. Anything else refuses with a <see cref="BackupException"/> and leaves the target as it was;
/// a bare database file (a <c>cp</c> of a live SQLite file) is refused, since nothing can tell whether it is whole.
/// </summary>
public static class DatabaseRestore
{
    public static async Task<RestoreResult> RunAsync(IServiceProvider services, IConfiguration configuration, string from, string keyArchive, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        from = Path.GetFullPath(from);
        var manifest = TrustedManifest(from);
        var provider = db.Database.IsSqlite() ? "Sqlite" : "Postgres";
        if (manifest.Provider != provider)
            throw new BackupException($"This backup is of a {Named(manifest.Provider)} database, and this installation is set to {Named(provider)} (Database:Provider). " +
                                      $"Restore it into {Named(manifest.Provider)}, or move providers by other means.");
        var file = Path.Combine(from, manifest.DatabaseFile);
        if (!File.Exists(file) || new FileInfo(file).Length != manifest.Bytes || BackupManifest.HashOf(file) != manifest.Sha256)
            throw new BackupException($"{file} is missing or not the file the backup wrote (its size or SHA-256 differs from manifest.json): it was damaged or changed. Use another backup.");
        if (!File.Exists(keyArchive)) throw new BackupException($"No key ring archive at {keyArchive}. Restore needs the securebase-keys-….zip saved with this backup (kept apart from it).");
        var keyDirectory = DataPaths.KeyDirectory(configuration);
        if (Directory.EnumerateFiles(keyDirectory, "*.xml").Any())
            throw new BackupException($"The key folder {keyDirectory} already holds keys. Restore into an empty key folder (SecureBase:KeyDirectory), so no key is overwritten or mixed in.");

        // The keys first, into a folder of their own beside the key folder; moved in only when everything checked out.
        var keys = UnpackKeys(keyArchive, keyDirectory);
        try
        {
            var (rows, opened) = provider == "Sqlite"
                ? await SqliteAsync(db, file, manifest, keys, configuration, ct)
                : await PostgresAsync(db, configuration, file, manifest, keys, ct);
            // People erased after this backup was made (the archive's ledger) are erased again before anyone can sign in.
            var erased = AccountErasure.ReadLedger(Path.Combine(keys, AccountErasure.LedgerFile));
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var again = 0;
            foreach (var user in await db.Users.Where(u => erased.Contains(u.Id)).ToListAsync(ct))
            {
                await AccountErasure.EraseAsync(db, users, user, ct);
                again++;
            }
            foreach (var key in Directory.GetFiles(keys)) File.Move(key, Path.Combine(keyDirectory, Path.GetFileName(key)));
            return new RestoreResult(manifest, rows, opened, again);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    static string Named(string provider) => provider == "Sqlite" ? "SQLite" : "PostgreSQL";

    // A folder written by securebase backup, or a clear refusal saying what it is instead.
    static BackupManifest TrustedManifest(string from)
    {
        if (File.Exists(from)) throw new BackupException(CopiedFile(from));
        if (!Directory.Exists(from)) throw new BackupException($"No backup folder at {from}.");
        if (BackupManifest.Load(from) is { } manifest) return manifest;
        var databases = Directory.GetFiles(from).Where(f => f.EndsWith(".db", StringComparison.Ordinal) || f.EndsWith(".sqlite", StringComparison.Ordinal) || IsSqliteFile(f)).ToList();
        if (databases.Count > 0) throw new BackupException(CopiedFile(databases[0]));
        throw new BackupException($"{from} has no manifest.json: it is not a backup made by securebase backup (a backup folder is named securebase-backup-…).");
    }

    static string CopiedFile(string file)
    {
        var wal = IsSqliteFile(file) && WalMode(file) || File.Exists(file + "-wal");
        return $"{file} is a copied database file, not a backup made by securebase backup{(wal ? " (it is in WAL mode, as the live database is)" : "")}. " +
               "A file copied with cp or rsync while SecureBase runs can lack writes still in its -wal file or be torn mid-write, and nothing can tell; " +
               "it will not be restored. Make backups with: securebase backup --to DIR --keys-to OTHER-DIR";
    }

    static bool IsSqliteFile(string file)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(file);
        return stream.Read(header) == 16 && header.SequenceEqual("SQLite format 3\0"u8);
    }

    // Bytes 18 and 19 of the header are 2 in WAL mode (sqlite.org/fileformat.html, "File format version numbers").
    static bool WalMode(string file)
    {
        Span<byte> header = stackalloc byte[20];
        using var stream = File.OpenRead(file);
        return stream.Read(header) == 20 && header[18] == 2;
    }

    static string UnpackKeys(string archive, string keyDirectory)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(keyDirectory))!, $".securebase-restoring-keys-{Guid.NewGuid():N}");
        DatabaseBackup.CreatePrivateFolder(folder);
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            var entries = zip.Entries.Where(e => e.FullName == Path.GetFileName(e.FullName)
                && (e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName == AccountErasure.LedgerFile)).ToList();
            if (!entries.Any(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))) throw new BackupException($"{archive} holds no keys: it is not a key ring archive made by securebase backup.");
            foreach (var entry in entries) entry.ExtractToFile(Path.Combine(folder, entry.FullName));
            return folder;
        }
        catch (InvalidDataException e)
        {
            Directory.Delete(folder, recursive: true);
            throw new BackupException($"{archive} is not a readable key ring archive ({e.Message}).");
        }
        catch
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    static async Task<(IReadOnlyDictionary<string, long>, int)> SqliteAsync(AppDbContext db, string file, BackupManifest manifest, string keys, IConfiguration configuration, CancellationToken ct)
    {
        var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (File.Exists(target) && new FileInfo(target).Length > 0 || File.Exists(target + "-wal") && new FileInfo(target + "-wal").Length > 0)
            throw new BackupException($"{target} already holds a database. Restore into an empty data folder (SecureBase:DataDirectory); move the old one away first if you mean to replace it.");
        var restoring = target + ".restoring";
        File.Copy(file, restoring, overwrite: true);
        try
        {
            IReadOnlyDictionary<string, long> rows;
            int opened;
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = restoring, Pooling = false }.ConnectionString))
            {
                await copy.OpenAsync(ct);
                await using (var check = copy.CreateCommand())
                {
                    check.CommandText = "PRAGMA integrity_check";
                    var result = (string?)await check.ExecuteScalarAsync(ct);
                    if (result != "ok") throw new BackupException($"The backup's database fails SQLite's integrity check ({result}). Use another backup.");
                }
                rows = await SameRowsAsync(copy, manifest, ct);
                opened = await OpenDataKeysAsync(copy, db, keys, configuration, ct);
                await DatabaseBackup.Execute(copy, "PRAGMA journal_mode=WAL;", ct);
            }
            foreach (var leftover in new[] { target, target + "-wal", target + "-shm" }) File.Delete(leftover);
            File.Move(restoring, target);
            return (rows, opened);
        }
        finally
        {
            File.Delete(restoring);
        }
    }

    static async Task<(IReadOnlyDictionary<string, long>, int)> PostgresAsync(AppDbContext db, IConfiguration configuration, string file, BackupManifest manifest, string keys, CancellationToken ct)
    {
        var connectionString = db.Database.GetConnectionString()!;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var tables = connection.CreateCommand())
        {
            tables.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
            if ((long)(await tables.ExecuteScalarAsync(ct))! > 0)
                throw new BackupException($"The database {connection.Database} already holds tables. Restore into an empty database (create one, and point ConnectionStrings:SecureBase at it).");
        }
        await PostgresTools.RunAsync(configuration, connectionString, "pg_restore", ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", $"--dbname={connection.Database}", file], ct);
        try
        {
            var rows = await SameRowsAsync(connection, manifest, ct);
            var opened = await OpenDataKeysAsync(connection, db, keys, configuration, ct);
            return (rows, opened);
        }
        catch
        {
            // It was empty before: leave it empty again.
            await DatabaseBackup.Execute(connection, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", ct);
            throw;
        }
    }

    static async Task<IReadOnlyDictionary<string, long>> SameRowsAsync(DbConnection connection, BackupManifest manifest, CancellationToken ct)
    {
        IReadOnlyDictionary<string, long> rows;
        try
        {
            rows = await DatabaseBackup.CountRowsAsync(connection, manifest.Rows.Keys.ToList(), ct);
        }
        catch (DbException e)
        {
            throw new BackupException($"The restored data lacks a table the backup recorded ({e.Message}). Use another backup.");
        }
        var differ = manifest.Rows.Where(t => rows[t.Key] != t.Value).Select(t => $"{t.Key} has {rows[t.Key]} rows, the backup recorded {t.Value}").ToList();
        if (differ.Count > 0) throw new BackupException($"The restored data differs from what the backup recorded: {string.Join("; ", differ)}. Use another backup.");
        return rows;
    }

    // Every stored data key must open with the restored key ring; otherwise the notes would be unreadable.
    static async Task<int> OpenDataKeysAsync(DbConnection connection, AppDbContext db, string keys, IConfiguration configuration, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(UserKey))!;
        var table = type.GetTableName()!;
        var column = type.FindProperty(nameof(UserKey.WrappedKey))!.GetColumnName();
        var services = new ServiceCollection().AddLogging();
        services.AddSecureBaseKeyRing(configuration, keys);
        await using var provider = services.BuildServiceProvider();
        var wrapper = KeyRing.UserKeyWrapper(provider.GetRequiredService<IDataProtectionProvider>());
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT \"{column}\" FROM \"{table}\"";
        await using var reader = await read.ExecuteReaderAsync(ct);
        var (opened, failed) = (0, 0);
        while (await reader.ReadAsync(ct))
        {
            try
            {
                wrapper.Unprotect((byte[])reader[0]);
                opened++;
            }
            catch (CryptographicException)
            {
                failed++;
            }
        }
        if (failed > 0)
            throw new BackupException($"The key ring archive does not open {failed} of {opened + failed} people's data keys: it is not the key ring of this backup " +
                                      "(or the key ring certificate, SecureBase:KeyRingCertificate, is missing). Use the securebase-keys-….zip saved with this backup or later.");
        return opened;
    }
}
