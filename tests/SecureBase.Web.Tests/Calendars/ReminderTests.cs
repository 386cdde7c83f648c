using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Calendars;
using SecureBase.Web.Features.Scheduling;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests.Calendars;

// The practice app sending through a real SMTP conversation (netDumbster on a loopback port), on SQLite
// or, given the test server, on a fresh PostgreSQL database dropped afterwards.
public sealed class ReminderApp : PracticeApp
{
    public ReminderApp()
    {
    }

    ReminderApp(string postgres) =>
        (_server, _connectionString) = (postgres, new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = $"sb_remind_{Guid.NewGuid():N}" }.ConnectionString);

    public static ReminderApp OnPostgres(string server) => new(server);

    readonly string? _server;
    readonly string? _connectionString;

    public SimpleSmtpServer Smtp { get; private set; } = SimpleSmtpServer.Start();

    public int Port => Smtp.Configuration.Port;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        .. base.Settings,
        ("Email:Smtp:Host", "127.0.0.1"), ("Email:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Email:Smtp:Security", "None"), ("Email:From", "SecureBase <no-reply@securebase.test>"),
        .. _connectionString is null ? [] : new[] { ("Database:Provider", "Postgres"), ("ConnectionStrings:SecureBase", _connectionString) },
    ];

    public override IReadOnlyList<SentMail> Mail() => SmtpMail.Of(Smtp);

    // The mail server goes away, and comes back on the same port.
    public void StopSmtp() => Smtp.Stop();

    public void StartSmtp() => Smtp = SimpleSmtpServer.Start(Port);

    public override async ValueTask DisposeAsync()
    {
        Smtp.Stop();
        await base.DisposeAsync();
        if (_connectionString is not null) await PostgresPracticeApp.DropAsync(_server!, _connectionString);
    }
}

// A process that dies on its n-th send, after it has claimed the row and before the mail leaves.
sealed class DiesOnSend(IReminderChannel real, int dieOn, IReadOnlySet<string> counted) : IReminderChannel
{
    int sends;

    public Task SendAsync(ReminderMessage message, CancellationToken ct) =>
        counted.Contains(message.Email) && ++sends == dieOn ? throw new OperationCanceledException("the process was killed") : real.SendAsync(message, ct);
}

// Reminders with the app's fake clock and a real SMTP server: the right emails at the right moments, each
// once; a host killed mid-batch and a new one on the same database send none twice and miss none; a moved
// session is reminded at its new time only; a failed send is retried and logged with the server's reply.
public sealed class ReminderTests(ReminderApp app) : IClassFixture<ReminderApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    Task<int> RunAsync() => app.InScopeAsync(s => s.GetRequiredService<ReminderRun>().RunOnceAsync(Ct));

    List<SentMail> RemindersTo(string email) => app.Mail().Where(m => m.To == email && m.Subject.StartsWith("Reminder", StringComparison.Ordinal)).ToList();

    async Task<Instant> StartOfAsync(SeriesRow series, int week) =>
        (await app.InScopeAsync(s => s.GetRequiredService<SessionDesk>().FindAsync(series.Id, LocalDate.FromDateOnly(series.StartDate).PlusWeeks(week - 1), null, Ct)))!.Start;

    void AdvanceTo(Instant instant)
    {
        var by = instant.ToDateTimeOffset() - app.Clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, $"the clock only moves forward ({by})");
        app.Clock.Advance(by);
    }

    [Fact]
    public async Task TheClientIsRemindedAtEachOffsetOnce()
    {
        var (_, client, series, _) = await SchedulingSteps.WeeklyClientAsync(app, "America/New_York");
        var start = await StartOfAsync(series, 1);

        AdvanceTo(start - Duration.FromHours(24) - Duration.FromMinutes(1));
        await RunAsync();
        Assert.Empty(RemindersTo(client.Email));

        AdvanceTo(start - Duration.FromHours(24) + Duration.FromMinutes(1));
        await RunAsync();
        await RunAsync();
        var first = Assert.Single(RemindersTo(client.Email));
        Assert.Contains($"({await ClientZoneAsync(client.Email)})", first.Body, StringComparison.Ordinal);   // the client's own zone, named
        Assert.DoesNotContain("Cam", first.Subject + first.Body, StringComparison.Ordinal);
        Assert.Contains("Appointment", first.Subject, StringComparison.Ordinal);

        AdvanceTo(start - Duration.FromHours(2) + Duration.FromMinutes(1));
        await RunAsync();
        Assert.Equal(2, RemindersTo(client.Email).Count);
        AdvanceTo(start + Duration.FromMinutes(1));
        await RunAsync();
        Assert.Equal(2, RemindersTo(client.Email).Count);

        // Turned off: the next session's reminders are closed unsent, and the log says why.
        await client.SignInAsync();
        foreach (var unreadable in new[] { "1", "on", "maybe" })   // neither yes nor no: refused, nothing changed
            Assert.Equal(HttpStatusCode.BadRequest, (await client.Visitor.PostAsync("/Calendars", "/Calendars?handler=Reminders", ("wanted", unreadable))).StatusCode);
        var missing = await client.Visitor.PostAsync("/Calendars", "/Calendars?handler=Reminders");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Choose whether you want reminders", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False((await SchedulingSteps.RowsAsync(app, db => db.Users.Where(u => u.Email == client.Email))).Single().SessionRemindersOff);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Visitor.PostAsync("/Calendars", "/Calendars?handler=Reminders", ("wanted", "false"))).StatusCode);
        var next = await StartOfAsync(series, 2);
        AdvanceTo(next - Duration.FromHours(2) + Duration.FromMinutes(1));
        await RunAsync();
        Assert.Equal(2, RemindersTo(client.Email).Count);
        var rows = await SchedulingSteps.RowsAsync(app, db => db.ReminderDeliveries.Where(r => r.Occurrence.StartsWith($"series:{series.Id:N}:")));
        Assert.Equal(2, rows.Count(r => r.State == ReminderState.Sent));
        Assert.Contains(rows, r => r.State == ReminderState.Obsolete);
    }

    [Fact]
    public async Task AMovedSessionIsRemindedAtItsNewTimeOnly()
    {
        var (therapist, client, series, _) = await SchedulingSteps.WeeklyClientAsync(app, "Australia/Sydney");
        var oldStart = await StartOfAsync(series, 1);

        // The 24-hour reminder is claimed, then the session moves before it is sent: it is never sent for the old time.
        AdvanceTo(oldStart - Duration.FromHours(24) + Duration.FromMinutes(1));
        await app.InScopeAsync(async s => { await s.GetRequiredService<ReminderRun>().ClaimDueAsync(Ct); return 0; });
        var view = (await app.InScopeAsync(s => s.GetRequiredService<SessionDesk>().FindAsync(series.Id, LocalDate.FromDateOnly(series.StartDate), null, Ct)))!;
        var newStart = oldStart + Duration.FromHours(26);
        Assert.Null(await app.InScopeAsync(s => s.GetRequiredService<SessionDesk>().MoveAsync(view, newStart, ChangedBy.Therapist, Ct)));
        await RunAsync();
        Assert.Empty(RemindersTo(client.Email));

        foreach (var moment in new[] { oldStart - Duration.FromHours(2), newStart - Duration.FromHours(24), newStart - Duration.FromHours(2) })
        {
            AdvanceTo(moment + Duration.FromMinutes(1));
            await RunAsync();
        }
        var sent = RemindersTo(client.Email);
        Assert.Equal(2, sent.Count);
        var expected = Show.When(newStart, SecureBase.Core.Time.Zones.Find(await ClientZoneAsync(client.Email)));
        Assert.All(sent, m => Assert.Contains(expected, m.Body, StringComparison.Ordinal));
        await therapist.SignInAsync();
        var log = await therapist.Visitor.Client.GetStringAsync("/Schedule/Reminders", Ct);
        Assert.Contains("the session moved or was cancelled", log, StringComparison.Ordinal);
        Assert.Contains("Cam", log, StringComparison.Ordinal);   // the therapist's own log names their client
    }

    Task<string> ClientZoneAsync(string email) =>
        app.InScopeAsync(s => s.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.TimeZoneId).FirstAsync(Ct));

    [Fact]
    public Task AHostKilledMidBatchAndANewOneSendNoneTwiceAndMissNone() => KilledAndRacingHostsAsync(app);

    [Fact]
    public async Task OnPostgresAKilledHostAndTwoRacingOnesSendEachReminderOnce()
    {
        var server = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(server), "SECUREBASE_TEST_POSTGRES is not set; scripts/test sets it.");
        await using var postgresApp = ReminderApp.OnPostgres(server!);
        await KilledAndRacingHostsAsync(postgresApp);
    }

    // Five clients due at once. One host claims them all and dies while sending the third; a new host on the
    // same database sends the rest (the one that died mid-send after its lease); then, at the next offset,
    // both hosts run three passes each at the same time. Every client ends with exactly one reminder per offset.
    static async Task KilledAndRacingHostsAsync(ReminderApp app)
    {
        var steps = new ReminderTests(app);
        var clients = new List<(Person Client, SeriesRow Series)>();
        for (var i = 0; i < 5; i++)
        {
            var (_, client, series, _) = await SchedulingSteps.WeeklyClientAsync(app);
            clients.Add((client, series));
        }
        var starts = new List<Instant>();
        foreach (var (_, series) in clients) starts.Add(await steps.StartOfAsync(series, 1));
        steps.AdvanceTo(starts.Max() - Duration.FromHours(24) + Duration.FromMinutes(1));
        Assert.True(starts.Min() - Duration.FromHours(2) > Instant.FromDateTimeOffset(app.Clock.GetUtcNow()), "all five are due for their 24-hour reminder only");

        // The first host claims every reminder, sends two, and dies while sending the third.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var dying = ActivatorUtilities.CreateInstance<ReminderRun>(scope.ServiceProvider, new DiesOnSend(scope.ServiceProvider.GetRequiredService<IReminderChannel>(), 3, clients.Select(c => c.Client.Email).ToHashSet()));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.RunOnceAsync(Ct));
        }
        Assert.Equal(2, clients.Sum(c => steps.RemindersTo(c.Client.Email).Count));

        // A new host on the same database: the ones never tried go at once; the one that died mid-send waits for its lease.
        await using var second = app.WithWebHostBuilder(_ => { });
        Task<int> RunSecondAsync() => Task.Run(async () =>
        {
            await using var scope = second.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderRun>().RunOnceAsync(Ct);
        });
        await RunSecondAsync();
        Assert.Equal(4, clients.Sum(c => steps.RemindersTo(c.Client.Email).Count));
        app.Clock.Advance(ReminderRun.Lease.ToTimeSpan() + TimeSpan.FromSeconds(1));
        await Task.WhenAll(RunSecondAsync(), steps.RunAsync());   // both hosts at once: still once each
        Assert.All(clients, c => Assert.Single(steps.RemindersTo(c.Client.Email)));

        steps.AdvanceTo(starts.Min() - Duration.FromHours(2) + Duration.FromMinutes(1));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? RunSecondAsync() : Task.Run(steps.RunAsync)));
        Assert.All(clients, c => Assert.Equal(2, steps.RemindersTo(c.Client.Email).Count));
    }

    [Fact]
    public async Task AFailedSendIsRetriedAndLoggedWithTheServersReply()
    {
        var (therapist, client, series, _) = await SchedulingSteps.WeeklyClientAsync(app);
        var start = await StartOfAsync(series, 1);
        AdvanceTo(start - Duration.FromHours(24) + Duration.FromMinutes(1));
        app.StopSmtp();
        try
        {
            await RunAsync();
        }
        finally
        {
            app.StartSmtp();
        }
        var row = (await SchedulingSteps.RowsAsync(app, db => db.ReminderDeliveries.Where(r => r.Occurrence.StartsWith($"series:{series.Id:N}:")))).Single();
        Assert.Equal((ReminderState.Failed, 1), (row.State, row.Attempts));
        Assert.False(string.IsNullOrEmpty(row.LastError));
        await RunAsync();   // not yet: the first retry waits a minute
        Assert.Empty(RemindersTo(client.Email));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();
        Assert.Single(RemindersTo(client.Email));
        await therapist.SignInAsync();
        var log = await therapist.Visitor.Client.GetStringAsync("/Schedule/Reminders", Ct);
        Assert.Contains("Mail server said", log, StringComparison.Ordinal);
        Assert.Contains("tries: 2", log, StringComparison.Ordinal);
    }
}
