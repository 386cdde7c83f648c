using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureBase.Data;
using SecureBase.Data.Backup;
using SecureBase.Data.Encryption;
using SecureBase.Web.Features.Encryption;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests.Operations;

// G11, the backup drill: 16 people logging moments with a canary note each, an online backup taken while
// they write, a restore into a fresh folder (or database) with the key ring saved apart. Every write
// acknowledged before the backup began is in the restore, every note decrypts with the restored key ring,
// the integrity check passes. Then someone erases their account; a later backup, restored, no longer has them,
// and nor does the earlier backup restored with the later key ring archive (its erasure ledger).
public sealed class BackupDrillTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqliteEveryAcknowledgedWriteComesBackAndEveryNoteOpens()
    {
        await using var app = new PracticeApp();
        await DrillAsync(app, postgresServer: null);
    }

    [Fact]
    public async Task OnPostgresEveryAcknowledgedWriteComesBackAndEveryNoteOpens()
    {
        var server = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(server), "SECUREBASE_TEST_POSTGRES is not set; scripts/test sets it.");
        await using var app = new PostgresPracticeApp(server!);
        await DrillAsync(app, server);
    }

    static async Task DrillAsync(PracticeApp app, string? postgresServer)
    {
        var folder = Directory.CreateTempSubdirectory("securebase-drill-").FullName;
        var restoredDatabases = new List<string>();
        try
        {
            var people = new List<(Visitor Visitor, string Email)>();
            for (var i = 0; i < 16; i++)
            {
                var visitor = new Visitor(app);
                people.Add((visitor, await visitor.SignUpAsync()));
            }

            var acknowledged = new ConcurrentBag<(int Writer, string Canary, long At)>();
            using var stop = new CancellationTokenSource();
            var writers = people.Select((p, w) => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var canary = $"DRILL-CANARY-{w}-{n}";
                    var answer = await p.Visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", canary));
                    Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
                    acknowledged.Add((w, canary, Stopwatch.GetTimestamp()));
                }
            }, Ct)).ToList();

            await UntilAsync(() => acknowledged.Count >= 64);
            var backupBegan = Stopwatch.GetTimestamp();
            var first = await BackupAsync(app, folder, "first");
            var atBackup = acknowledged.Count;
            await UntilAsync(() => acknowledged.Count >= atBackup + 32);   // the writers went on during and after it
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            var before = acknowledged.Where(a => a.At < backupBegan).ToList();
            Assert.True(before.Count >= 64);
            var (restored, result) = await RestoreAsync(app, first, folder, "one", postgresServer, restoredDatabases);
            Assert.Equal(first.Manifest.Rows, result.Rows);
            await using (var services = restored.BuildServiceProvider())
            {
                var notes = await NotesAsync(services, people.Select(p => p.Email).ToList());
                Assert.DoesNotContain(notes, n => n.Unreadable);   // every note in the restore opens
                var present = notes.Select(n => n.Text).ToHashSet(StringComparer.Ordinal);
                var lost = before.Where(a => !present.Contains(a.Canary)).Select(a => a.Canary).ToList();
                Assert.True(lost.Count == 0, $"{lost.Count} of {before.Count} writes acknowledged before the backup began are missing: {string.Join(", ", lost.Take(5))}");
                if (postgresServer is null)
                {
                    var db = services.GetRequiredService<AppDbContext>();
                    await using var check = new SqliteConnection(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
                    await check.OpenAsync(Ct);
                    await using var command = check.CreateCommand();
                    command.CommandText = "PRAGMA integrity_check";
                    Assert.Equal("ok", await command.ExecuteScalarAsync(Ct));
                }
            }

            // Someone erases their account after the first backup: the next backup's restore does not have them.
            var leaving = people[0];
            Assert.Equal(HttpStatusCode.OK, (await leaving.Visitor.PostAsync("/MyData/Delete", ("Password", "correct horse battery staple"))).StatusCode);
            var second = await BackupAsync(app, folder, "second");
            var (later, _) = await RestoreAsync(app, second, folder, "two", postgresServer, restoredDatabases);
            await using (var services = later.BuildServiceProvider())
            {
                var db = services.GetRequiredService<AppDbContext>();
                Assert.False(await db.Users.AnyAsync(u => u.Email == leaving.Email, Ct));
                var notes = await NotesAsync(services, people.Skip(1).Select(p => p.Email).ToList());
                Assert.DoesNotContain(notes, n => n.Text?.StartsWith("DRILL-CANARY-0-", StringComparison.Ordinal) == true);
                Assert.DoesNotContain(notes, n => n.Unreadable);
            }

            // The first backup, made before they left, restored with the later key ring archive: its erasure
            // ledger erases them again, so an older backup does not bring them back either.
            var (older, olderResult) = await RestoreAsync(app, first with { KeyRingArchive = second.KeyRingArchive }, folder, "three", postgresServer, restoredDatabases);
            Assert.Equal(1, olderResult.ErasedAgain);
            await using (var services = older.BuildServiceProvider())
            {
                var db = services.GetRequiredService<AppDbContext>();
                Assert.False(await db.Users.AnyAsync(u => u.Email == leaving.Email, Ct));
                Assert.DoesNotContain(await NotesAsync(services, people.Skip(1).Select(p => p.Email).ToList()), n => n.Text?.StartsWith("DRILL-CANARY-0-", StringComparison.Ordinal) == true);
                Assert.Equal(0, await db.ActivationEntries.CountAsync(e => !db.Users.Any(u => u.Id == e.UserId), Ct));
            }
        }
        finally
        {
            foreach (var database in restoredDatabases) await PostgresPracticeApp.DropAsync(postgresServer!, database);
            Directory.Delete(folder, recursive: true);
        }
    }

    static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), "the writers stalled");
            await Task.Delay(20, Ct);
        }
    }

    static async Task<BackupResult> BackupAsync(PracticeApp app, string folder, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        return await DatabaseBackup.CreateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), configuration,
            Path.Combine(folder, "backups", name), Path.Combine(folder, "keys", name), DateTimeOffset.UtcNow, Ct);
    }

    // A fresh installation (folders, or a new empty database on the test server) restored from a backup.
    static async Task<(ServiceCollection Services, RestoreResult Result)> RestoreAsync(PracticeApp app, BackupResult backup, string folder, string name,
        string? postgresServer, List<string> restoredDatabases)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SecureBase:DataDirectory"] = Path.Combine(folder, "restored", name, "data"),
            ["SecureBase:KeyDirectory"] = Path.Combine(folder, "restored", name, "keys"),
            ["Database:Provider"] = postgresServer is null ? "Sqlite" : "Postgres",
        };
        if (postgresServer is not null)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = $"sb_restore_{Guid.NewGuid():N}" }.ConnectionString;
            await using var admin = new NpgsqlConnection(postgresServer);
            await admin.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\"", admin);
            await create.ExecuteNonQueryAsync(Ct);
            restoredDatabases.Add(connectionString);
            settings["ConnectionStrings:SecureBase"] = connectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(app.Clock);
        services.AddSecureBaseData(configuration);
        services.AddSecureBaseIdentityCore();
        services.AddSecureBaseKeyRing(configuration);
        services.AddScoped<PersonalText>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var result = await DatabaseRestore.RunAsync(scope.ServiceProvider, configuration, backup.Folder, backup.KeyRingArchive!, Ct);
        return (services, result);
    }

    static async Task<List<DecryptedText>> NotesAsync(ServiceProvider services, IReadOnlyList<string> emails)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var text = scope.ServiceProvider.GetRequiredService<PersonalText>();
        var entries = await (from e in db.ActivationEntries.AsNoTracking()
                             join u in db.Users on e.UserId equals u.Id
                             where emails.Contains(u.Email!) && e.EncryptedNote != null
                             select new { e.UserId, e.EncryptedNote }).ToListAsync(Ct);
        var notes = new List<DecryptedText>();
        foreach (var entry in entries) notes.Add(await text.DecryptAsync(entry.UserId, entry.EncryptedNote, Ct));
        return notes;
    }
}
