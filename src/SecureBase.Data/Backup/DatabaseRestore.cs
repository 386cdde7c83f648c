using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
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

/// <summary>What a restore put back: the manifest it trusted, rows per table (equal to the manifest's), the data keys it opened, the people erased again.</summary>
public sealed record RestoreResult(BackupManifest Manifest, IReadOnlyDictionary<string, long> Rows, int DataKeysOpened, int ErasedAgain);

/// <summary>
/// Puts a backup made by <see cref="DatabaseBackup"/> into an empty database (the one the configuration
/// names) and its key ring archive into an empty key folder, checking first: the file's size and SHA-256
/// against the manifest, <c>PRAGMA integrity_check</c> (SQLite) or pg_restore's success in one transaction
/// (PostgreSQL), that the database holds exactly the manifest's tables with its row counts, and that the key
/// ring opens every stored data key. The keys are moved in before the database, and taken out again if the
/// database cannot follow, so a refused or failed restore leaves neither half behind. A bare database file
/// (a <c>cp</c> of a live SQLite file) is refused, since nothing can tell whether it is whole.
/// </summary>
public static class DatabaseRestore
{
    const string Unpacking = ".securebase-restoring-";

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
        foreach (var leftover in Directory.GetDirectories(keyDirectory, Unpacking + "*")) Directory.Delete(leftover, recursive: true);   // an interrupted restore's
        if (Directory.EnumerateFileSystemEntries(keyDirectory).Any())
            throw new BackupException($"The key folder {keyDirectory} is not empty. Restore into an empty key folder (SecureBase:KeyDirectory), so no key is overwritten or mixed in.");

        // Unpacked inside the key folder (a subfolder, which the key ring does not read), so no copy of the keys
        // is ever left beside the data; moved up only when everything else checked out.
        var keys = UnpackKeys(keyArchive, keyDirectory);
        try
        {
            return provider == "Sqlite"
                ? await SqliteAsync(services, db, file, manifest, keys, keyDirectory, configuration, ct)
                : await PostgresAsync(services, db, configuration, file, manifest, keys, keyDirectory, ct);
        }
        finally
        {
            if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
        }
    }

    static string Named(string provider) => provider switch { "Sqlite" => "SQLite", "Postgres" => "PostgreSQL", _ => $"'{provider}'" };

    // A folder written by securebase backup, or a clear refusal saying what it is instead.
    static BackupManifest TrustedManifest(string from)
    {
        if (File.Exists(from)) throw new BackupException(CopiedFile(from));
        if (!Directory.Exists(from)) throw new BackupException($"No backup folder at {from}.");
        if (BackupManifest.Load(from) is { } manifest)
        {
            var expected = manifest.Provider switch { "Sqlite" => "database.sqlite", "Postgres" => "database.pgdump", _ => null };
            if (expected is null || manifest.DatabaseFile != expected || manifest.Rows is null || !manifest.Rows.ContainsKey("__EFMigrationsHistory"))
                throw new BackupException($"{Path.Combine(from, BackupManifest.FileName)} is not as securebase backup writes it (provider, file name or table counts): it was changed. Use another backup.");
            return manifest;
        }
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

    // The archive's key files (each an XML <key id="…">, as Data Protection writes them) and the erasure ledger.
    static string UnpackKeys(string archive, string keyDirectory)
    {
        var folder = Path.Combine(keyDirectory, $"{Unpacking}{Guid.NewGuid():N}");
        DatabaseBackup.CreatePrivateFolder(folder);
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            var entries = zip.Entries.Where(e => e.FullName == Path.GetFileName(e.FullName)
                && (e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName == AccountErasure.LedgerFile)).ToList();
            if (entries.GroupBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new BackupException($"{archive} holds {twice.Key} twice: it is not a key ring archive made by securebase backup.");
            var keys = 0;
            foreach (var entry in entries)
            {
                var target = Path.Combine(folder, entry.FullName);
                entry.ExtractToFile(target);
                if (entry.FullName == AccountErasure.LedgerFile) continue;
                if (!IsKey(target)) throw new BackupException($"{archive} holds {entry.FullName}, which is not a key of a key ring: it is not a key ring archive made by securebase backup.");
                keys++;
            }
            if (keys == 0) throw new BackupException($"{archive} holds no keys: it is not a key ring archive made by securebase backup.");
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

    static bool IsKey(string file)
    {
        try
        {
            return XDocument.Load(file).Root is { Name.LocalName: "key" } root && Guid.TryParse((string?)root.Attribute("id"), out _);
        }
        catch (XmlException)
        {
            return false;
        }
    }

    static async Task<RestoreResult> SqliteAsync(IServiceProvider services, AppDbContext db, string file, BackupManifest manifest, string keys, string keyDirectory,
        IConfiguration configuration, CancellationToken ct)
    {
        var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var restoring = target + ".restoring";
        foreach (var leftover in new[] { restoring, restoring + "-journal" }) File.Delete(leftover);   // an interrupted restore's
        if (File.Exists(target) && new FileInfo(target).Length > 0 || File.Exists(target + "-wal") && new FileInfo(target + "-wal").Length > 0)
            throw new BackupException($"{target} already holds a database. Restore into an empty data folder (SecureBase:DataDirectory); move the old one away first if you mean to replace it.");
        try
        {
            File.Copy(file, restoring, overwrite: true);
            IReadOnlyDictionary<string, long> rows;
            int opened;
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = restoring, Pooling = false }.ConnectionString))
            {
                await copy.OpenAsync(ct);
                string? result;
                try
                {
                    await using var check = copy.CreateCommand();
                    check.CommandText = "PRAGMA integrity_check";
                    result = (string?)await check.ExecuteScalarAsync(ct);
                }
                catch (SqliteException e)
                {
                    result = e.Message;
                }
                if (result != "ok") throw new BackupException($"The backup's database fails SQLite's integrity check ({result}). Use another backup.");
                rows = await SameRowsAsync(copy, "Sqlite", manifest, ct);
                opened = await OpenDataKeysAsync(copy, db, keys, configuration, ct);
                await DatabaseBackup.Execute(copy, "PRAGMA journal_mode=WAL;", ct);
            }
            var moved = MoveKeysIn(keys, keyDirectory);
            try
            {
                foreach (var stale in new[] { target, target + "-wal", target + "-shm" }) File.Delete(stale);
                File.Move(restoring, target);
            }
            catch
            {
                foreach (var key in moved) File.Delete(key);
                throw;
            }
            var again = await EraseAgainAsync(services, db, keyDirectory, ct);
            if (again > 0) await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);   // no trace of them in free pages either
            return new RestoreResult(manifest, rows, opened, again);
        }
        finally
        {
            File.Delete(restoring);
            File.Delete(restoring + "-journal");
        }
    }

    static async Task<RestoreResult> PostgresAsync(IServiceProvider services, AppDbContext db, IConfiguration configuration, string file, BackupManifest manifest, string keys,
        string keyDirectory, CancellationToken ct)
    {
        var connectionString = db.Database.GetConnectionString()!;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var objects = connection.CreateCommand())
        {
            objects.CommandText = "SELECT (SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public') " +
                                  "+ (SELECT COUNT(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public')";
            if ((long)(await objects.ExecuteScalarAsync(ct))! > 0)
                throw new BackupException($"The database {connection.Database} is not empty (its public schema holds tables, functions or extensions' objects). " +
                                          "Restore into a new, empty database, and point ConnectionStrings:SecureBase at it.");
        }
        await PostgresTools.RunAsync(configuration, connectionString, "pg_restore", ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", $"--dbname={connection.Database}", file], ct);
        try
        {
            var rows = await SameRowsAsync(connection, "Postgres", manifest, ct);
            var opened = await OpenDataKeysAsync(connection, db, keys, configuration, ct);
            MoveKeysIn(keys, keyDirectory);
            var again = await EraseAgainAsync(services, db, keyDirectory, ct);
            return new RestoreResult(manifest, rows, opened, again);
        }
        catch
        {
            // It was empty before: the restored tables go again (only they: the schema, its owner and grants stay).
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP " +
                               "EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', t.tablename); END LOOP; END $$;";
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
            foreach (var key in Directory.GetFiles(keyDirectory)) File.Delete(key);
            throw;
        }
    }

    static List<string> MoveKeysIn(string keys, string keyDirectory)
    {
        var moved = new List<string>();
        foreach (var key in Directory.GetFiles(keys))
        {
            var target = Path.Combine(keyDirectory, Path.GetFileName(key));
            File.Move(key, target);
            moved.Add(target);
        }
        return moved;
    }

    // People erased after this backup was made (the archive's ledger, now in the key folder) are erased again before anyone can sign in.
    static async Task<int> EraseAgainAsync(IServiceProvider services, AppDbContext db, string keyDirectory, CancellationToken ct)
    {
        var erased = AccountErasure.ReadLedger(Path.Combine(keyDirectory, AccountErasure.LedgerFile));
        if (erased.Count == 0) return 0;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var again = 0;
        foreach (var user in await db.Users.Where(u => erased.Contains(u.Id)).ToListAsync(ct))
        {
            await AccountErasure.EraseAsync(db, users, user, ct);
            again++;
        }
        return again;
    }

    // The database holds exactly the tables the manifest lists, each with its row count.
    static async Task<IReadOnlyDictionary<string, long>> SameRowsAsync(DbConnection connection, string provider, BackupManifest manifest, CancellationToken ct)
    {
        var tables = await DatabaseBackup.TablesAsync(connection, provider, ct);
        if (!tables.Order(StringComparer.Ordinal).SequenceEqual(manifest.Rows.Keys.Order(StringComparer.Ordinal)))
            throw new BackupException("The restored database's tables are not the ones the backup recorded in manifest.json: the manifest or the file was changed. Use another backup.");
        var rows = await DatabaseBackup.CountRowsAsync(connection, tables, ct);
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
