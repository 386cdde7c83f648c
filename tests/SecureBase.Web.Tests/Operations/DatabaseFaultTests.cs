using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureBase.Data;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests.Operations;

// G22, faults that can be made here: the database going away mid-run (PostgreSQL, through a proxy that is
// cut), a full disk (SQLite on a small tmpfs, shrunk). Each time: writes get
// 503 with the generic page and nothing technical, nothing acknowledged is lost, and once the fault is
// gone the app serves writes again without a restart. (A read-only remount of a tmpfs under a running
// SQLite was tried: its open files kept taking writes, so it proved nothing and is not here.)
public sealed class DatabaseFaultTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static (string Name, string Value)[] Moment(string note) => [("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", note)];

    static async Task<HttpResponseMessage> PostLogAsync(Visitor visitor, string token, string note) =>
        await visitor.Client.PostAsync("/Log", new FormUrlEncodedContent(Moment(note).Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token))), Ct);

    static async Task AssertUnavailableAsync(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), answer.Headers.RetryAfter?.Delta);
        var page = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Contains("cannot save or read anything just now", page, StringComparison.Ordinal);
        foreach (var technical in new[] { "Exception", "Npgsql", "Sqlite", "SQLite Error", "at SecureBase", "stack" })
            Assert.DoesNotContain(technical, page, StringComparison.Ordinal);
    }

    // Writes again within 30 seconds of the fault ending (a deadline, not a measurement).
    static async Task<int> RecoversAsync(Visitor visitor, string token, List<string> acknowledged)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var note = $"AFTER-{attempt}";
            var answer = await PostLogAsync(visitor, token, note);
            if (answer.StatusCode == HttpStatusCode.Redirect)
            {
                acknowledged.Add(note);
                return attempt;
            }
            await AssertUnavailableAsync(answer);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the app did not serve writes again within 30 s of the fault ending");
            await Task.Delay(250, Ct);
        }
    }

    static async Task<List<string>> NotesAsync(SecureBaseApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var text = scope.ServiceProvider.GetRequiredService<SecureBase.Web.Features.Encryption.PersonalText>();
        var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        var notes = new List<string>();
        foreach (var note in await db.ActivationEntries.Where(e => e.UserId == user).Select(e => e.EncryptedNote).ToListAsync(Ct))
            notes.Add((await text.DecryptAsync(user, note, Ct)).Text!);
        return notes;
    }

    [Fact]
    public async Task OnPostgresTheDatabaseGoingAwayAnswers503LosesNothingAndRecovers()
    {
        var server = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(server), "SECUREBASE_TEST_POSTGRES is not set; scripts/test sets it.");
        var real = new NpgsqlConnectionStringBuilder(server);
        await using var proxy = new CuttableProxy(real.Host!, real.Port);
        proxy.Start();
        await using var app = new PostgresPracticeApp(server!, viaPort: proxy.Port);
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        var token = await visitor.TokenAsync("/Log");
        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostLogAsync(visitor, token, $"BEFORE-{i}")).StatusCode);
            acknowledged.Add($"BEFORE-{i}");
        }

        proxy.Cut();
        for (var i = 0; i < 3; i++) await AssertUnavailableAsync(await PostLogAsync(visitor, token, $"DURING-{i}"));
        await AssertUnavailableAsync(await visitor.GetAsync("/Log"));   // reads too, with the same page

        proxy.Start();
        await RecoversAsync(visitor, token, acknowledged);
        Assert.Equal(acknowledged.Order(), (await NotesAsync(app, email)).Order());
    }

    // The data folder on a tmpfs of its own (root may mount one here; elsewhere the test says why it skipped).
    sealed class SmallDiskApp(string folder) : PracticeApp
    {
        public override string DataDirectory => folder;
    }

    static bool Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    [Fact]
    public async Task OnSqliteAFullDiskAnswers503LosesNothingAndRecovers()
    {
        var folder = Directory.CreateTempSubdirectory("securebase-smalldisk-").FullName;
        var mounted = !OperatingSystem.IsWindows() && Environment.UserName == "root" && Run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", folder);
        Assert.SkipUnless(mounted, "needs root and mount (tmpfs) to make a disk that fills up; run as root on Linux");
        try
        {
            await using (var app = new SmallDiskApp(folder))
            {
                var visitor = new Visitor(app);
                var email = await visitor.SignUpAsync();
                var token = await visitor.TokenAsync("/Log");
                var acknowledged = new List<string>();
                Assert.Equal(HttpStatusCode.Redirect, (await PostLogAsync(visitor, token, "BEFORE")).StatusCode);
                acknowledged.Add("BEFORE");

                // The disk fills: shrink it to what is used plus a little, then write 4 KB notes until it is full.
                var used = new DriveInfo(folder).TotalSize - new DriveInfo(folder).AvailableFreeSpace;
                Assert.True(Run("mount", "-o", $"remount,size={used + 512 * 1024}", folder));
                var full = false;
                for (var i = 0; i < 2000 && !full; i++)
                {
                    var note = $"FILL-{i}-" + new string('x', 3900);
                    var answer = await PostLogAsync(visitor, token, note);
                    if (answer.StatusCode == HttpStatusCode.Redirect) acknowledged.Add(note);
                    else
                    {
                        await AssertUnavailableAsync(answer);
                        full = true;
                    }
                }
                Assert.True(full, "the disk never filled");

                Assert.True(Run("mount", "-o", "remount,size=64m", folder));
                await RecoversAsync(visitor, token, acknowledged);

                Assert.Equal(acknowledged.Order(StringComparer.Ordinal), (await NotesAsync(app, email)).Order(StringComparer.Ordinal));
                await using var check = new SqliteConnection($"Data Source={Path.Combine(folder, "securebase.db")};Pooling=False");
                await check.OpenAsync(Ct);
                await using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                Assert.Equal("ok", await command.ExecuteScalarAsync(Ct));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Run("umount", "-l", folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    // The database file goes away while the app runs (a fresh tester unmounted its folder): the app must not
    // make a new empty database in its place (which answered "no such table" with empty 500s until a
    // restart), must show the 503 page to a signed-in person (the page asks the database nothing), and must
    // serve again as soon as the file is back.
    [Fact]
    public async Task OnSqliteAMissingDatabaseFileIs503NotANewDatabaseAndTheAppRecovers()
    {
        await using var app = new PracticeApp();
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        var token = await visitor.TokenAsync("/Log");
        var acknowledged = new List<string>();
        Assert.Equal(HttpStatusCode.Redirect, (await PostLogAsync(visitor, token, "BEFORE")).StatusCode);
        acknowledged.Add("BEFORE");

        var database = app.DatabasePath;
        var away = database + ".away";
        SqliteConnection.ClearAllPools();   // every pooled connection closed: the next request opens the path afresh
        File.Move(database, away);
        foreach (var suffix in new[] { "-wal", "-shm" })
            if (File.Exists(database + suffix)) File.Move(database + suffix, away + suffix);
        await AssertUnavailableAsync(await PostLogAsync(visitor, token, "DURING"));
        await AssertUnavailableAsync(await visitor.GetAsync("/Log"));
        Assert.False(File.Exists(database), "the app made a new database where the real one had been");

        File.Move(away, database);
        foreach (var suffix in new[] { "-wal", "-shm" })
            if (File.Exists(away + suffix)) File.Move(away + suffix, database + suffix);
        await RecoversAsync(visitor, token, acknowledged);
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), (await NotesAsync(app, email)).Order(StringComparer.Ordinal));
    }

    // The data folder turns read-only while the app runs (a disk error makes Linux remount it so): writes get
    // the 503 page and are not acknowledged, nothing is a 500, and writes work again within 30 s of the
    // folder being writable, although SQLite opened the connections made meanwhile read-only.
    [Fact]
    public async Task OnSqliteAReadOnlyDataFolderAnswers503ForWritesAndRecovers()
    {
        var folder = Directory.CreateTempSubdirectory("securebase-readonly-").FullName;
        var mounted = !OperatingSystem.IsWindows() && Environment.UserName == "root" && Run("mount", "--bind", folder, folder);
        Assert.SkipUnless(mounted, "needs root and mount (a bind mount that can turn read-only); run as root on Linux");
        try
        {
            await using var app = new SmallDiskApp(folder);
            var visitor = new Visitor(app);
            var email = await visitor.SignUpAsync();
            var token = await visitor.TokenAsync("/Log");
            var acknowledged = new List<string>();
            Assert.Equal(HttpStatusCode.Redirect, (await PostLogAsync(visitor, token, "BEFORE")).StatusCode);
            acknowledged.Add("BEFORE");

            SqliteConnection.ClearAllPools();   // connections opened from now on meet a read-only folder
            Assert.True(Run("mount", "-o", "remount,ro,bind", folder));
            for (var i = 0; i < 3; i++) await AssertUnavailableAsync(await PostLogAsync(visitor, token, $"DURING-{i}"));
            var read = await visitor.GetAsync("/Progress");
            Assert.True(read.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"a read answered {(int)read.StatusCode}");

            Assert.True(Run("mount", "-o", "remount,rw,bind", folder));
            await RecoversAsync(visitor, token, acknowledged);
            Assert.Equal(acknowledged.Order(StringComparer.Ordinal), (await NotesAsync(app, email)).Order(StringComparer.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Run("umount", "-l", folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}
