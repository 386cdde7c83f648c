using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Cli.Demo;
using SecureBase.Cli.Practice;
using SecureBase.Data;
using SecureBase.Data.Encryption;
using SecureBase.Data.Model;

namespace SecureBase.Cli.Tests;

// `securebase backup` and `securebase restore` on SQLite, as an operator runs them: a round trip, and each
// refusal (keys beside the data, a cp of the live file, a damaged file, another installation's key ring,
// a target that is not empty) with its message, leaving the target as it was. The drill under load, on both
// providers, is BackupDrillTests in the web tests.
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-backup-").FullName;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    CliSettings Installation(string name) => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SecureBase:DataDirectory"] = Path.Combine(_folder, name, "data"),
        ["SecureBase:KeyDirectory"] = Path.Combine(_folder, name, "keys"),
    }).Build());

    static async Task<(int Code, string Out, string Err)> RunAsync(Func<CliSettings, IReadOnlyList<string>, TextWriter, TextWriter, Task<int>> command, CliSettings settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await command(settings, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // A demo installation whose people each have a data key wrapped by the installation's key ring.
    async Task<CliSettings> InstallationWithDataAsync(string name)
    {
        var settings = Installation(name);
        Assert.Equal(0, await DemoCommand.RunAsync(settings, ["--years", "1"], TextWriter.Null, TextWriter.Null));
        var services = new ServiceCollection().AddLogging();
        services.AddSecureBaseData(settings.Configuration);
        services.AddSecureBaseKeyRing(settings.Configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var wrapper = KeyRing.UserKeyWrapper(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
        foreach (var user in db.Users.ToList()) db.UserKeys.Add(new UserKey { UserId = user.Id, WrappedKey = wrapper.Protect(new byte[32]) });
        await db.SaveChangesAsync(Ct);
        return settings;
    }

    // A demo installation ("live") backed up: the backup folder and the key ring archive.
    async Task<(string Backup, string Keys)> BackedUpAsync()
    {
        var live = await InstallationWithDataAsync("live");
        Assert.Equal(0, (await RunAsync(BackupCommand.BackupAsync, live, "--to", Path.Combine(_folder, "backups"), "--keys-to", Path.Combine(_folder, "keyring"))).Code);
        return (Single("backups", "securebase-backup-*"), Single("keyring", "securebase-keys-*.zip"));
    }

    string Single(string folder, string pattern) => Assert.Single(Directory.GetFileSystemEntries(Path.Combine(_folder, folder), pattern));

    [Fact]
    public async Task ABackupRestoresIntoAnEmptyInstallationWithEveryRowAndKey()
    {
        var live = await InstallationWithDataAsync("live");
        var (code, output, errors) = await RunAsync(BackupCommand.BackupAsync, live, "--to", Path.Combine(_folder, "backups"), "--keys-to", Path.Combine(_folder, "keyring"));
        Assert.True(code == 0, errors);
        Assert.Contains("Backup written:", output, StringComparison.Ordinal);
        var backup = Single("backups", "securebase-backup-*");
        var keys = Single("keyring", "securebase-keys-*.zip");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(backup, "database.sqlite")));
        }

        (code, output, errors) = await RunAsync(BackupCommand.RestoreAsync, Installation("fresh"), "--from", backup, "--keys", keys);
        Assert.True(code == 0, errors);
        Assert.Matches(@"Restored the backup of .*: [\d,]+ rows in \d+ tables.*opens every stored data key \(1\)", output);
        await using var restored = new SqliteConnection($"Data Source={Path.Combine(_folder, "fresh", "data", "securebase.db")};Pooling=False");
        await restored.OpenAsync(Ct);
        await using var count = restored.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM ActivationEntries";
        Assert.True((long)(await count.ExecuteScalarAsync(Ct))! > 100);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "fresh", "keys"), "*.xml"));
    }

    [Fact]
    public async Task TheKeyRingIsNeverSavedBesideTheData()
    {
        var live = await InstallationWithDataAsync("live");
        var backups = Path.Combine(_folder, "backups");
        foreach (var keysTo in new[] { backups, Path.Combine(backups, "keys"), _folder })
        {
            var (code, _, errors) = await RunAsync(BackupCommand.BackupAsync, live, "--to", backups, "--keys-to", keysTo);
            Assert.Equal(2, code);
            Assert.Contains("Save the key ring somewhere else than the data", errors, StringComparison.Ordinal);
        }
        var (missing, _, said) = await RunAsync(BackupCommand.BackupAsync, live, "--to", backups);
        Assert.Equal(2, missing);
        Assert.Contains("--keys-to is required", said, StringComparison.Ordinal);
        Assert.False(Directory.Exists(backups) && Directory.EnumerateFileSystemEntries(backups).Any());
    }

    [Fact]
    public async Task ACopyOfTheLiveFileADamagedBackupAndAnotherKeyRingAreRefusedAndChangeNothing()
    {
        var (backup, keys) = await BackedUpAsync();
        var fresh = Installation("fresh");
        var target = Path.Combine(_folder, "fresh", "data", "securebase.db");

        // cp of the live database (WAL mode), as a folder or as the file itself.
        var copied = Directory.CreateDirectory(Path.Combine(_folder, "copied")).FullName;
        SqliteConnection.ClearAllPools();
        File.Copy(Path.Combine(_folder, "live", "data", "securebase.db"), Path.Combine(copied, "securebase.db"));
        foreach (var from in new[] { copied, Path.Combine(copied, "securebase.db") })
        {
            var (code, _, errors) = await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", from, "--keys", keys);
            Assert.Equal(2, code);
            Assert.Contains("is a copied database file, not a backup made by securebase backup (it is in WAL mode", errors, StringComparison.Ordinal);
        }

        // Another installation's key ring opens none of the data keys.
        var other = await InstallationWithDataAsync("other");
        Assert.Equal(0, (await RunAsync(BackupCommand.BackupAsync, other, "--to", Path.Combine(_folder, "other-backups"), "--keys-to", Path.Combine(_folder, "other-keyring"))).Code);
        var wrongKeys = Single("other-keyring", "securebase-keys-*.zip");
        var (refused, _, why) = await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", backup, "--keys", wrongKeys);
        Assert.Equal(2, refused);
        Assert.Contains("The key ring archive does not open 1 of 1 people's data keys", why, StringComparison.Ordinal);

        // One byte changed in the backup's database.
        var file = Path.Combine(backup, "database.sqlite");
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        bytes[bytes.Length / 2] ^= 0x40;
        var damaged = Path.Combine(_folder, "damaged");
        Directory.CreateDirectory(damaged);
        File.Copy(Path.Combine(backup, "manifest.json"), Path.Combine(damaged, "manifest.json"));
        await File.WriteAllBytesAsync(Path.Combine(damaged, "database.sqlite"), bytes, Ct);
        var (broken, _, said) = await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", damaged, "--keys", keys);
        Assert.Equal(2, broken);
        Assert.Contains("size or SHA-256 differs from manifest.json", said, StringComparison.Ordinal);

        // Nothing of any of this reached the fresh installation.
        Assert.False(File.Exists(target) && new FileInfo(target).Length > 0);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "fresh", "keys"), "*.xml"));

        // Restored once, the same installation refuses a second restore on top.
        Assert.Equal(0, (await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", backup, "--keys", keys)).Code);
        var (again, _, message) = await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", backup, "--keys", keys);
        Assert.Equal(2, again);
        Assert.Contains("is not empty", message, StringComparison.Ordinal);
    }

    // From a fresh tester: destinations that would put keys beside data, or a backup beside the live files,
    // also through a symbolic link, and a file where a folder belongs; each refused, nothing written.
    [Fact]
    public async Task DestinationsBesideTheLiveFilesOrEachOtherAreRefusedThroughLinksToo()
    {
        var live = await InstallationWithDataAsync("live");
        var data = Path.Combine(_folder, "live", "data");
        var keyFolder = Path.Combine(_folder, "live", "keys");
        var backups = Directory.CreateDirectory(Path.Combine(_folder, "backups")).FullName;
        var link = Path.Combine(_folder, "link-to-backups");
        File.CreateSymbolicLink(link, backups);
        var aFile = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(aFile, "x", Ct);
        foreach (var (to, keysTo, said) in new[]
                 {
                     (backups, data, "outside SecureBase's data folder and key folder"),
                     (backups, keyFolder, "outside SecureBase's data folder and key folder"),
                     (data, Path.Combine(_folder, "k"), "Back up to a folder outside SecureBase's data folder"),
                     (backups, Path.Combine(link, "keys"), "Save the key ring somewhere else than the data"),
                     (aFile, Path.Combine(_folder, "k"), "is a file; give a folder"),
                     (backups, aFile, "is a file; give a folder"),
                 })
        {
            var (code, _, errors) = await RunAsync(BackupCommand.BackupAsync, live, "--to", to, "--keys-to", keysTo);
            Assert.True(code == 2, $"{to} / {keysTo}: {errors}");
            Assert.Contains(said, errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.GetFileSystemEntries(backups));
        Assert.Empty(Directory.GetFiles(data, "securebase-*"));

        // Before the web app has ever made a key ring, nothing is written at all.
        var (early, _, why) = await RunAsync(BackupCommand.BackupAsync, Installation("nokeys"), "--to", backups, "--keys-to", Path.Combine(_folder, "k"));
        Assert.Equal(2, early);
        Assert.Contains("holds no keys", why, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(backups));
    }

    // From a fresh tester: edited or damaged backups and odd key folders, each refused in one line, with the
    // target left empty (no database in place without its keys, no keys without the database).
    [Fact]
    public async Task EditedBackupsAndOddKeyFoldersAreRefusedAndLeaveTheTargetEmpty()
    {
        var (backup, keys) = await BackedUpAsync();
        var manifest = await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json"), Ct);

        string Edited(string name, Func<string, string> change, Action<string>? alsoDo = null)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
            File.Copy(Path.Combine(backup, "database.sqlite"), Path.Combine(folder, "database.sqlite"));
            alsoDo?.Invoke(folder);
            var hash = BackupManifestHash(Path.Combine(folder, "database.sqlite"));
            var text = change(manifest);
            text = System.Text.RegularExpressions.Regex.Replace(text, "\"Sha256\": \"[0-9a-f]+\"", $"\"Sha256\": \"{hash}\"");
            text = System.Text.RegularExpressions.Regex.Replace(text, "\"Bytes\": \\d+", $"\"Bytes\": {new FileInfo(Path.Combine(folder, "database.sqlite")).Length}");
            File.WriteAllText(Path.Combine(folder, "manifest.json"), text);
            return folder;
        }

        var corrupt = Edited("corrupt", m => m, folder =>
        {
            using var stream = File.OpenWrite(Path.Combine(folder, "database.sqlite"));
            stream.Position = stream.Length / 2 / 4096 * 4096;
            stream.Write(Enumerable.Repeat((byte)0xFF, 4096).ToArray());   // a page overwritten, the manifest made to match
        });
        var noTables = Edited("no-tables", m => System.Text.RegularExpressions.Regex.Replace(m, "\"Rows\": \\{[^}]*\\}", "\"Rows\": { \"__EFMigrationsHistory\": 1 }"));
        var outside = Edited("outside", m => m.Replace("\"database.sqlite\"", "\"../live/data/securebase.db\"", StringComparison.Ordinal));
        var lowerCase = Edited("lower", m => m.Replace("\"Sqlite\"", "\"sqlite\"", StringComparison.Ordinal));
        var notKeys = Path.Combine(_folder, "not-keys.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(notKeys, System.IO.Compression.ZipArchiveMode.Create))
            using (var writer = new StreamWriter(zip.CreateEntry("readme.xml").Open())) writer.Write("<x/>");

        var fresh = Installation("fresh");
        foreach (var (from, keyArchive, said) in new[]
                 {
                     (corrupt, keys, "fails SQLite's integrity check"),
                     (noTables, keys, "tables are not the ones the backup recorded"),
                     (outside, keys, "is not as securebase backup writes it"),
                     (lowerCase, keys, "is not as securebase backup writes it"),
                     (backup, notKeys, "which is not a key of a key ring"),
                 })
        {
            var (code, _, errors) = await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", from, "--keys", keyArchive);
            Assert.True(code == 2, $"{from}: {errors}");
            Assert.Contains(said, errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        }

        // A stray file in the key folder (an erasure ledger left there) is refused before anything is moved.
        var keyFolder = Path.Combine(_folder, "fresh", "keys");
        await File.WriteAllTextAsync(Path.Combine(keyFolder, "erased-people.txt"), "someone\n", Ct);
        var (stray, _, message) = await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", backup, "--keys", keys);
        Assert.Equal(2, stray);
        Assert.Contains("is not empty", message, StringComparison.Ordinal);
        File.Delete(Path.Combine(keyFolder, "erased-people.txt"));

        var target = Path.Combine(_folder, "fresh", "data", "securebase.db");
        Assert.False(File.Exists(target) && new FileInfo(target).Length > 0);
        Assert.Empty(Directory.GetFileSystemEntries(keyFolder));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "fresh", "data"), "*.restoring*"));
        Assert.Equal(0, (await RunAsync(BackupCommand.RestoreAsync, fresh, "--from", backup, "--keys", keys)).Code);
    }

    static string BackupManifestHash(string file) => SecureBase.Data.Backup.BackupManifest.HashOf(file);
}
