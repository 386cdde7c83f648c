using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Data.Backup;

namespace SecureBase.Cli.Practice;

// backup --to DIR --keys-to OTHER-DIR: an online backup of the configured database (the app may keep
// serving), and the key ring saved apart from it. restore --from BACKUP --keys ZIP: into an empty database
// and key folder, checked before anything is put in place. Exit 0 done, 2 refused (the message says why).
internal static class BackupCommand
{
    public static async Task<int> BackupAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--help" or "-h"]) return Help(stdout);
        if (Options.Parse(args, new HashSet<string> { "to", "keys-to" }, stderr) is not { } options) return 2;
        if (options.Require("to", stderr) is not { } to || options.Require("keys-to", stderr) is not { } keysTo) return 2;
        FilePermissions.Secure(settings.Configuration);   // umask 077: the backup's files are this user's alone
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var result = await DatabaseBackup.CreateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), settings.Configuration, to, keysTo, DateTimeOffset.UtcNow, CancellationToken.None);
            var rows = result.Manifest.Rows.Values.Sum();
            stdout.WriteLine($"Backup written: {result.Folder} ({result.Manifest.Bytes:N0} bytes, {rows:N0} rows, SHA-256 {result.Manifest.Sha256}).");
            stdout.WriteLine($"Key ring saved: {result.KeyRingArchive}");
            stdout.WriteLine("Keep the two apart (different disks or places): the backup alone cannot be read, and the key ring alone holds no data.");
            return 0;
        }
        catch (Exception e) when (e is BackupException or System.Data.Common.DbException || DatabaseFaults.IsUnavailable(e))
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    public static async Task<int> RestoreAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--help" or "-h"]) return Help(stdout);
        if (Options.Parse(args, new HashSet<string> { "from", "keys" }, stderr) is not { } options) return 2;
        if (options.Require("from", stderr) is not { } from || options.Require("keys", stderr) is not { } keys) return 2;
        FilePermissions.Secure(settings.Configuration);
        await using var services = CliServices.Build(settings);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var result = await DatabaseRestore.RunAsync(scope.ServiceProvider, settings.Configuration, from, keys, CancellationToken.None);
            stdout.WriteLine($"Restored the backup of {result.Manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC: {result.Rows.Values.Sum():N0} rows in {result.Rows.Count} tables, " +
                             $"each table's count as the backup recorded; integrity checked; the key ring opens every stored data key ({result.DataKeysOpened:N0}).");
            if (result.ErasedAgain > 0)
                stdout.WriteLine($"{SecureBase.Core.Text.Counted.Of(result.ErasedAgain, "person", "people")} who deleted their account after this backup was made erased again (the key ring's erasure ledger).");
            stdout.WriteLine("Start SecureBase as usual; it brings the database up to this version's schema if the backup is older.");
            return 0;
        }
        catch (Exception e) when (e is BackupException or System.Data.Common.DbException || DatabaseFaults.IsUnavailable(e))
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    static int Help(TextWriter stdout)
    {
        stdout.WriteLine("""
            usage: securebase backup --to DIR --keys-to OTHER-DIR
                   securebase restore --from DIR/securebase-backup-… --keys OTHER-DIR/securebase-keys-….zip
            """);
        return 0;
    }
}
