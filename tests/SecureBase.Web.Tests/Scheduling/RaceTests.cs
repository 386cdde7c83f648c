using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Scheduling;

// The same practice app on a fresh PostgreSQL database of the test server; dropped afterwards. With
// viaPort the app reaches the server through that port (a proxy a test can cut); the drop goes direct.
public sealed class PostgresPracticeApp(string server, int? viaPort = null) : PracticeApp
{
    readonly string _connectionString = new NpgsqlConnectionStringBuilder(server)
    {
        Database = $"sb_race_{Guid.NewGuid():N}", MaxPoolSize = 40, Port = viaPort ?? new NpgsqlConnectionStringBuilder(server).Port,
        Timeout = viaPort is null ? 15 : 3,
    }.ConnectionString;

    protected override IEnumerable<(string Key, string Value)> Settings =>
        [.. base.Settings, ("Database:Provider", "Postgres"), ("ConnectionStrings:SecureBase", _connectionString)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DropAsync(server, _connectionString);
    }

    // A test database of the server, gone.
    public static async Task DropAsync(string server, string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

// G12b: many people at once for one time. Real HTTP against the app, on SQLite and on PostgreSQL.
public sealed class RaceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string? Postgres()
    {
        var server = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(server), "SECUREBASE_TEST_POSTGRES is not set; scripts/test sets it.");
        return server;
    }

    [Fact]
    public async Task AHundredConfirmationsForOneSlotHoldItOnceOnSqlite()
    {
        await using var app = new PracticeApp();
        await AHundredConfirmationsForOneSlotHoldItOnce(app);
    }

    [Fact]
    public async Task AHundredConfirmationsForOneSlotHoldItOnceOnPostgres()
    {
        await using var app = new PostgresPracticeApp(Postgres()!);
        await AHundredConfirmationsForOneSlotHoldItOnce(app);
    }

    [Fact]
    public async Task TwoSeriesThatMeetInWeek20AreNeverBothApprovedOnSqlite()
    {
        await using var app = new PracticeApp();
        await TwoSeriesThatMeetInWeek20AreNeverBothApproved(app);
    }

    [Fact]
    public async Task TwoSeriesThatMeetInWeek20AreNeverBothApprovedOnPostgres()
    {
        await using var app = new PostgresPracticeApp(Postgres()!);
        await TwoSeriesThatMeetInWeek20AreNeverBothApproved(app);
    }

    // The last line of defence does not depend on the application's check: a second holder of a cell cannot commit.
    [Fact]
    public async Task TheDatabaseRefusesASecondClaimOnACellOnSqlite()
    {
        await using var app = new PracticeApp();
        await TheDatabaseRefusesASecondClaimOnACell(app);
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondClaimOnACellOnPostgres()
    {
        await using var app = new PostgresPracticeApp(Postgres()!);
        await TheDatabaseRefusesASecondClaimOnACell(app);
    }

    static async Task TheDatabaseRefusesASecondClaimOnACell(PracticeApp app)
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Claim Practice", "claim-owner@example.org");
        var therapistId = await app.UserIdAsync(therapist.Email);
        var practiceId = (await SchedulingSteps.RowsAsync(app, db => db.Practices)).Single().Id;
        await app.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SecureBase.Data.AppDbContext>();
            db.TimeClaims.Add(new TimeClaim { TherapistId = therapistId, Minute = 29_500_000, PracticeId = practiceId, Holder = "session:a" });
            await db.SaveChangesAsync(Ct);
            return true;
        });
        var refused = await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => app.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SecureBase.Data.AppDbContext>();
            db.TimeClaims.Add(new TimeClaim { TherapistId = therapistId, Minute = 29_500_000, PracticeId = practiceId, Holder = "session:b" });
            await db.SaveChangesAsync(Ct);
            return true;
        }));
        Assert.True(SecureBase.Data.Scheduling.BookingTransaction.IsTakenClaim(refused));
        Assert.Equal("session:a", (await SchedulingSteps.RowsAsync(app, db => db.TimeClaims)).Single().Holder);
    }

    static async Task AHundredConfirmationsForOneSlotHoldItOnce(PracticeApp app)
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Race Practice", "race-owner@example.org");
        var path = await SchedulingSteps.OpenBookingAsync(app, therapist);
        var slot = (await SchedulingSteps.SlotsAsync(new Visitor(app), path))[0];

        // A hundred visitors ask (which holds nothing) and open their links; then all press Confirm at once.
        var ready = new List<(Visitor Visitor, string Token, string Antiforgery)>();
        for (var i = 0; i < 100; i++)
        {
            var visitor = new Visitor(app);
            var email = $"racer{i}@example.org";
            Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.RequestAsync(visitor, path, slot, $"Racer {i}", email)).StatusCode);
            var token = SchedulingSteps.ConfirmToken(app, email);
            ready.Add((visitor, token, await visitor.TokenAsync($"/book/confirm?token={Uri.EscapeDataString(token)}", "/book/confirm")));
        }
        var responses = await Task.WhenAll(ready.Select(r => r.Visitor.Client.PostAsync("/book/confirm",
            new FormUrlEncodedContent([new("Token", r.Token), new("__RequestVerificationToken", r.Antiforgery)]), Ct)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(99, bodies.Count(b => b.Contains("this time was just taken", StringComparison.Ordinal)));
        var requests = await SchedulingSteps.RowsAsync(app, db => db.BookingRequests);
        Assert.Equal(1, requests.Count(r => r.State == RequestState.Held));
        Assert.Equal(99, requests.Count(r => r.State == RequestState.Taken));
        var holder = requests.Single(r => r.State == RequestState.Held);
        var claims = await SchedulingSteps.RowsAsync(app, db => db.TimeClaims);
        Assert.Equal(12, claims.Count);   // 50 minutes + 10 of buffer, in 5-minute cells, held by that one request
        Assert.All(claims, c => Assert.Equal($"hold:{holder.Id:N}", c.Holder));
        Assert.DoesNotContain(slot, await SchedulingSteps.SlotsAsync(new Visitor(app), path));
    }

    static async Task TwoSeriesThatMeetInWeek20AreNeverBothApproved(PracticeApp app)
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Series Practice", "series-owner@example.org");
        var path = await SchedulingSteps.OpenBookingAsync(app, therapist, horizonWeeks: 30);
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var first = Instant.FromUnixTimeSeconds((await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 1))[0]);
        // Week 20 of a series from `first`: the same local time nineteen weeks later (Berlin changes to summer time on the way).
        var week20 = first.InZone(berlin).LocalDateTime.PlusWeeks(19).InZoneLeniently(berlin).ToInstant();
        var early = await SchedulingSteps.HoldAsync(app, path, first.ToUnixTimeSeconds(), "Early", "early@example.org");
        var late = await SchedulingSteps.HoldAsync(app, path, week20.ToUnixTimeSeconds(), "Late", "late@example.org");

        var answers = await Task.WhenAll(SchedulingSteps.ApproveAsync(therapist, early, weekly: true), SchedulingSteps.ApproveAsync(therapist, late, weekly: true));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var refusal = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Nothing changed", refusal, StringComparison.Ordinal);
        Assert.Contains(week20.InZone(berlin).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), refusal, StringComparison.Ordinal);
        Assert.Single(await SchedulingSteps.RowsAsync(app, db => db.StandingSeries));
        // No cell is claimed twice, whatever the order (the key forbids it; this reads it back).
        var claims = await SchedulingSteps.RowsAsync(app, db => db.TimeClaims);
        Assert.Equal(claims.Count, claims.Select(c => c.Minute).Distinct().Count());
    }
}
