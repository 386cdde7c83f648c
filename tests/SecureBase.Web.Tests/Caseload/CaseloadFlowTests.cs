using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.RegularExpressions;
using SecureBase.Data.Practices;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests.Caseload;

// The therapist's caseload and digest over HTTP: flags raised only from what a client shares, the
// "needs attention" filter, sorting, acknowledging (audited, quiet until something new), event notes
// (encrypted, the therapist's alone), and bad input refused with nothing stored.
public sealed partial class CaseloadFlowTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    static string? Postgres()
    {
        var server = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(server), "SECUREBASE_TEST_POSTGRES is not set; scripts/test sets it.");
        return server;
    }

    [Fact]
    public Task FlagsComeOnlyFromWhatIsSharedAndAnAcknowledgementQuietsOneUntilSomethingNew() => FlagsAndAcknowledgementsAsync(app);

    [Fact]
    public async Task FlagsAndAcknowledgementsOnPostgres()
    {
        await using var postgres = new PostgresPracticeApp(Postgres()!);
        await FlagsAndAcknowledgementsAsync(postgres);
    }

    [Fact]
    public Task EventNotesAreTheTherapistsAloneEncryptedAndBadOnesChangeNothing() => EventNotesAsync(app);

    [Fact]
    public async Task EventNotesOnPostgres()
    {
        await using var postgres = new PostgresPracticeApp(Postgres()!);
        await EventNotesAsync(postgres);
    }

    static async Task LogAsync(PracticeApp app, Person person, int intensity, string? note = null)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(5));   // well inside the 30-minute idle sign-out of each person
        (string, string)[] fields = [("Input.Pull", "Away"), ("Input.Intensity", intensity.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Response", "RanOldPattern")];
        if (note is not null) fields = [.. fields, ("Input.Note", note)];
        // Someone idle for 30 minutes of the test's clock signs in again, as a person would.
        if ((await person.Visitor.GetAsync("/Log")).Headers.Location?.OriginalString.StartsWith("/Accounts/SignIn", StringComparison.Ordinal) == true)
            await person.SignInAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await person.Visitor.PostAsync("/Log", fields)).StatusCode);
    }

    [GeneratedRegex("<tr class=\"attention\">\\s*<th scope=\"row\"[^>]*><a[^>]*>([^<]+)</a>")]
    private static partial Regex FlaggedRow();

    [GeneratedRegex("<th scope=\"row\"[^>]*><a[^>]*>([^<]+)</a>")]
    private static partial Regex AnyRow();

    static async Task FlagsAndAcknowledgementsAsync(PracticeApp app)
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Caseload Practice", "caseload-owner@example.org");
        var sharing = new Person(app, "sharing@example.org");
        var private_ = new Person(app, "private@example.org");
        var weekly = new Person(app, "weekly@example.org");
        foreach (var person in new[] { sharing, private_, weekly }) await person.Visitor.SignUpAsync(person.Email, person.Password);
        await PracticeSteps.InviteClientAsync(therapist, sharing, "Scores", "ActivationEntries", "Expectations");   // the digest's audit scope is 37 characters: PostgreSQL once refused it (varchar 24)
        await PracticeSteps.InviteClientAsync(therapist, private_);
        await PracticeSteps.InviteClientAsync(therapist, weekly, "WeeklyMetrics");
        for (var i = 0; i < 3; i++)
        {
            await LogAsync(app, sharing, 9);
            await LogAsync(app, private_, 9, "PRIVATE-CANARY-7731");
            await LogAsync(app, weekly, 9);   // weekly summaries promise "not the moments themselves": no moment-level flag
        }
        await therapist.SignInAsync();

        var caseload = await BodyAsync(await therapist.Visitor.GetAsync("/Clients"));
        Assert.Equal(["sharing@example.org"], FlaggedRow().Matches(caseload).Select(m => m.Groups[1].Value).ToList());
        Assert.Contains("3 or more moments of intensity 8+ within 7 days", caseload, StringComparison.Ordinal);
        Assert.Contains("Not shared", caseload, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-CANARY-7731", caseload, StringComparison.Ordinal);
        var attention = await BodyAsync(await therapist.Visitor.GetAsync("/Clients?attention=true"));
        Assert.Equal(["sharing@example.org"], AnyRow().Matches(attention).Select(m => m.Groups[1].Value).ToList());
        Assert.Equal(["weekly@example.org", "sharing@example.org", "private@example.org"],
            AnyRow().Matches(await BodyAsync(await therapist.Visitor.GetAsync("/Clients?sort=name&order=desc"))).Select(m => m.Groups[1].Value).ToList());
        Assert.Equal(["private@example.org", "sharing@example.org", "weekly@example.org"],
            AnyRow().Matches(await BodyAsync(await therapist.Visitor.GetAsync("/Clients?sort=name&order=asc"))).Select(m => m.Groups[1].Value).ToList());
        Assert.Equal(["weekly@example.org", "sharing@example.org", "private@example.org"],
            AnyRow().Matches(await BodyAsync(await therapist.Visitor.GetAsync("/Clients?sort=NAME&order=DESC"))).Select(m => m.Groups[1].Value).ToList());
        // Values the page does not know: a 400 that is still the whole caseload, in its usual order, saying what was wrong;
        // a refused invitation too (an empty caseload there read as "nobody needs attention").
        foreach (var (query, message) in new[] { ("sort=email;drop", "Sort by one of the caseload's columns"), ("order=sideways", "Sort by one of the caseload's columns"),
                     ("attention=maybe", "Show only those who need attention with attention=true") })
        {
            var refused = await therapist.Visitor.GetAsync($"/Clients?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var shown = await BodyAsync(refused);
            Assert.Contains(message, shown, StringComparison.Ordinal);
            Assert.Equal(["sharing@example.org"], FlaggedRow().Matches(shown).Select(m => m.Groups[1].Value).ToList());
            Assert.Equal(3, AnyRow().Count(shown));
        }
        var badInvite = await therapist.Visitor.PostAsync("/Clients", "/Clients?handler=Invite", ("InviteEmail", "a@b"));
        Assert.Equal(HttpStatusCode.BadRequest, badInvite.StatusCode);
        var badInvitePage = await BodyAsync(badInvite);
        Assert.Equal(["sharing@example.org"], FlaggedRow().Matches(badInvitePage).Select(m => m.Groups[1].Value).ToList());
        Assert.Contains("value=\"a@b\"", badInvitePage, StringComparison.Ordinal);

        // One audit row per caseload view, naming every client shown and what was read of each (ADR 0026).
        var sharingId = await app.UserIdAsync(sharing.Email);
        var privateId = await app.UserIdAsync(private_.Email);
        var weeklyId = await app.UserIdAsync(weekly.Email);
        var before = app.AuditRows();
        await therapist.Visitor.GetAsync("/Clients");
        Assert.Equal(1, app.AuditRows() - before);
        var row = (await SchedulingSteps.RowsAsync(app, db => db.AuditEntries.Where(a => a.ResourceKind == "Caseload summary").OrderByDescending(a => a.Id).Take(1))).Single();
        Assert.Equal(AuditSubjects.ManyClients, row.ClientId);
        Assert.Equal(("Scores+ActivationEntries", true), (AuditSubjects.Of(row.Subjects, sharingId)!.Scope, AuditSubjects.Of(row.Subjects, sharingId)!.Allowed));
        Assert.Equal("NoneShared", AuditSubjects.Of(row.Subjects, privateId)!.Scope);
        Assert.Equal("NoneShared", AuditSubjects.Of(row.Subjects, weeklyId)!.Scope);
        Assert.Equal(3, AuditSubjects.Read(row.Subjects).Sum(g => g.Clients.Count));
        // Each client sees that view in "Who looked" and in their export, as what was read of them alone.
        var said = "saw a summary of what you share with them, for their list of clients";
        Assert.Contains(said, await BodyAsync(await sharing.Visitor.GetAsync("/Sharing/AccessLog")), StringComparison.Ordinal);
        // Someone who shares nothing is told that what the therapist saw held none of their data.
        Assert.Contains("saw your row in their list of clients, which shows no data of yours while you share none",
            await BodyAsync(await private_.Visitor.GetAsync("/Sharing/AccessLog")), StringComparison.Ordinal);
        var export = await BodyAsync(await sharing.Visitor.GetAsync("/MyData?handler=Json"));
        using (var document = System.Text.Json.JsonDocument.Parse(export))
            Assert.Contains(document.RootElement.GetProperty("accessLog").EnumerateArray(),
                e => e.GetProperty("kind").GetString() == "Caseload summary" && e.GetProperty("scope").GetString() == "Scores+ActivationEntries" && e.GetProperty("allowed").GetBoolean());
        Assert.DoesNotContain(privateId, export, StringComparison.Ordinal);
        // The practice's log shows the row once with its count, and finds it by any client it names.
        var practiceLog = await BodyAsync(await therapist.Visitor.GetAsync("/Practice/Audit?Person=private%40"));
        Assert.Contains("3 clients: ", practiceLog, StringComparison.Ordinal);
        Assert.Contains("1 scores, moments", practiceLog, StringComparison.Ordinal);
        Assert.Contains("2 nothing shared", practiceLog, StringComparison.Ordinal);
        Assert.Contains("read caseload summary (scores, moments)", practiceLog, StringComparison.Ordinal);
        // Rows written many at a time read back exactly as chained: every chain is whole.
        var chains = await app.InScopeAsync(s => SecureBase.Data.Practices.AuditLog.VerifyAsync(s.GetRequiredService<SecureBase.Data.AppDbContext>(), Ct));
        Assert.All(chains, c => Assert.Null(c.FirstBreak));
        Assert.Contains(chains, c => c.Rows >= 6);

        // The digest shows the flag; acknowledging it (with a private note) quiets it, audited.
        var digest = $"/Clients/{sharingId}/Digest";
        var page = await BodyAsync(await therapist.Visitor.GetAsync(digest));
        Assert.Contains("3 or more moments of intensity 8+", page, StringComparison.Ordinal);
        Assert.Contains("Moments logged", page, StringComparison.Ordinal);
        var notRaised = await therapist.Visitor.PostAsync(digest, $"{digest}?handler=Acknowledge", ("Acknowledge.Key", "StoppedLogging"));
        Assert.Equal(HttpStatusCode.BadRequest, notRaised.StatusCode);
        Assert.Contains("That flag is not raised now", await BodyAsync(notRaised), StringComparison.Ordinal);
        var acknowledged = await therapist.Visitor.PostAsync(digest, $"{digest}?handler=Acknowledge", ("Acknowledge.Key", "HighIntensityCluster"), ("Acknowledge.Note", "ACK-CANARY-5521 talked it through"));
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        var quiet = await BodyAsync(await therapist.Visitor.GetAsync(digest));
        Assert.Contains("No flags need attention", quiet, StringComparison.Ordinal);
        Assert.Contains("ACK-CANARY-5521 talked it through", quiet, StringComparison.Ordinal);   // the note is shown back to its writer
        Assert.Single(await SchedulingSteps.RowsAsync(app, db => db.FlagAcknowledgements));
        Assert.Empty(AnyRow().Matches(await BodyAsync(await therapist.Visitor.GetAsync("/Clients?attention=true"))));
        // This one, written with it; the attempt on a flag not raised changed nothing, so it wrote no row.
        Assert.Single(await SchedulingSteps.RowsAsync(app, db => db.AuditEntries.Where(a => a.ResourceKind == "FlagAcknowledgement" && a.ClientId == sharingId && a.Allowed)));
        Assert.False(await app.DatabaseContainsAsync("ACK-CANARY-5521"));

        // Something new (a further intense moment) raises it again.
        await LogAsync(app, sharing, 10);
        await therapist.SignInAsync();
        Assert.Equal(["sharing@example.org"], FlaggedRow().Matches(await BodyAsync(await therapist.Visitor.GetAsync("/Clients"))).Select(m => m.Groups[1].Value).ToList());

        // Weekly summaries only: the digest points to them and shows no moment-level figures.
        var weeklyPage = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{await app.UserIdAsync(weekly.Email)}/Digest"));
        Assert.Contains("Shared as weekly summaries only", weeklyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Median intensity", weeklyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("intensity 8+", weeklyPage, StringComparison.Ordinal);

        // The client's own "Who looked" page and export say nothing of the therapist's own records.
        await sharing.SignInAsync();
        Assert.DoesNotContain("FlagAcknowledgement", await BodyAsync(await sharing.Visitor.GetAsync("/MyData?handler=Json")), StringComparison.Ordinal);
        var accessLog = await BodyAsync(await sharing.Visitor.GetAsync("/Sharing/AccessLog"));
        Assert.Contains("a summary of what you share with them", accessLog, StringComparison.Ordinal);
        Assert.DoesNotContain("notes about working with you", accessLog, StringComparison.Ordinal);

        // The private client's digest says plainly what is not shared and shows none of it.
        var privatePage = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{privateId}/Digest"));
        Assert.Contains("Not shared: the activation log.", privatePage, StringComparison.Ordinal);
        Assert.Contains("Not shared: scores and verdicts.", privatePage, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-CANARY-7731", privatePage, StringComparison.Ordinal);
        Assert.DoesNotContain("intensity 8+", privatePage, StringComparison.Ordinal);
    }

    // The caseload keeps each client's figures between views (ADR 0019) and must still show every change at
    // once: made through the app (a moment logged, a moment deleted on its edit page), and made by another
    // instance of the app on the same database (here: a second context, as another server would write).
    [Fact]
    public async Task TheCaseloadShowsEveryChangeAtOnceWhereverItWasMade()
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Figures Practice", "figures-owner@example.org");
        var client = new Person(app, "figures-client@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores", "ActivationEntries");
        var clientId = await app.UserIdAsync(client.Email);
        async Task<List<string>> Flagged()
        {
            await therapist.SignInAsync();
            return FlaggedRow().Matches(await BodyAsync(await therapist.Visitor.GetAsync("/Clients"))).Select(m => m.Groups[1].Value).ToList();
        }

        for (var i = 0; i < 2; i++) await LogAsync(app, client, 9);
        Assert.Empty(await Flagged());   // two intense moments: no cluster yet, and the figures are now kept
        await LogAsync(app, client, 9);
        Assert.Equal([client.Email], await Flagged());

        // Deleted on its edit page by the client: two left, no cluster.
        var newest = (await SchedulingSteps.RowsAsync(app, db => db.ActivationEntries.Where(e => e.UserId == clientId))).MaxBy(e => e.CreatedAt)!.Id;
        await client.SignInAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.Visitor.PostAsync($"/Log/Edit/{newest}", $"/Log/Edit/{newest}?handler=Delete")).StatusCode);
        Assert.Empty(await Flagged());

        // Written by another instance: a third intense moment appears, then every moment is gone.
        await app.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SecureBase.Data.AppDbContext>();
            var one = db.ActivationEntries.First(e => e.UserId == clientId);
            db.ActivationEntries.Add(new SecureBase.Data.Model.ActivationEntry
            {
                Id = Guid.NewGuid(), UserId = clientId, OccurredAt = one.OccurredAt.AddMinutes(1), CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
                Intensity = 9, Pull = one.Pull, Response = one.Response, Relationship = one.Relationship,
            });
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        Assert.Equal([client.Email], await Flagged());
        await app.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SecureBase.Data.AppDbContext>();
            db.ActivationEntries.RemoveRange(db.ActivationEntries.Where(e => e.UserId == clientId));
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Empty(await Flagged());
    }

    static async Task EventNotesAsync(PracticeApp app)
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Notes Practice", "notes-owner@example.org");
        var colleague = await PracticeSteps.InviteTherapistAsync(app, therapist, "notes-colleague@example.org");
        var client = new Person(app, "noted-client@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores");
        var clientId = await app.UserIdAsync(client.Email);
        var digest = $"/Clients/{clientId}/Digest";
        var today = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await therapist.SignInAsync();

        foreach (var (fields, message) in new (string, string)[][]
                 {
                     [("Event.OccurredOn", today), ("Event.Kind", "Tantrum")],
                     [("Event.OccurredOn", "1999-12-31"), ("Event.Kind", "Rupture")],
                     [("Event.OccurredOn", today), ("Event.Kind", "Rupture"), ("Event.Text", "Sam\u202Eevil")],
                     [("Event.OccurredOn", today), ("Event.Kind", "Rupture"), ("Event.Text", new string('x', 2001))],
                     [("Event.Kind", "Rupture")],
                     [("Event.OccurredOn", "25/11/2026"), ("Event.Kind", "Rupture")],
                     [("Event.OccurredOn", "2026-11-31"), ("Event.Kind", "Rupture")],
                 }.Zip(["'Tantrum' is not one of the choices for kind.", "Choose a date between 2000 and a year from today.", "Use letters, digits, spaces and punctuation only.",
                     "Keep the note to 2,000 characters.", "Choose the date it happened.", "'25/11/2026' is not a date: enter it as year-month-day, like 2026-11-30.",
                     "'2026-11-31' is not a date"]))
        {
            var refused = await therapist.Visitor.PostAsync(digest, $"{digest}?handler=Event", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await BodyAsync(refused), StringComparison.Ordinal);
        }
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.TherapistEventNotes));
        // A period that is not a date: the page itself, for the default period, says what was wrong.
        var badPeriod = await therapist.Visitor.GetAsync($"{digest}?from=31%2F12%2F2025");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        var badPeriodPage = await BodyAsync(badPeriod);
        Assert.Contains("\"31/12/2025\" is not a date this page can use", badPeriodPage, StringComparison.Ordinal);
        Assert.Contains("Before the session", badPeriodPage, StringComparison.Ordinal);

        var saved = await therapist.Visitor.PostAsync(digest, $"{digest}?handler=Event", ("Event.OccurredOn", today), ("Event.Kind", "Rupture"), ("Event.Text", "EVENT-CANARY-8812 late, cold start"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("EVENT-CANARY-8812", await BodyAsync(await therapist.Visitor.GetAsync(digest)), StringComparison.Ordinal);
        Assert.False(await app.DatabaseContainsAsync("EVENT-CANARY-8812"));

        // A colleague of the same practice, and the client, see and change nothing of it.
        await colleague.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Visitor.GetAsync(digest)).StatusCode);
        var colleaguePage = await colleague.Visitor.GetAsync("/Clients");
        var noteId = (await SchedulingSteps.RowsAsync(app, db => db.TherapistEventNotes)).Single().Id;
        var token = Regex.Match(await BodyAsync(colleaguePage), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var delete = new HttpRequestMessage(HttpMethod.Post, $"{digest}?handler=DeleteEvent")
               { Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token), KeyValuePair.Create("eventId", noteId.ToString())]) })
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.Visitor.Client.SendAsync(delete, Ct)).StatusCode);
        Assert.Single(await SchedulingSteps.RowsAsync(app, db => db.TherapistEventNotes));
        foreach (var path in new[] { "/Progress", "/Sharing", "/Sharing/AccessLog", digest })
            Assert.DoesNotContain("EVENT-CANARY-8812", await BodyAsync(await client.Visitor.GetAsync(path)), StringComparison.Ordinal);

        // The therapist deletes it.
        var page = await BodyAsync(await therapist.Visitor.GetAsync(digest));
        var own = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var remove = new HttpRequestMessage(HttpMethod.Post, $"{digest}?handler=DeleteEvent")
            { Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", own), KeyValuePair.Create("eventId", noteId.ToString())]) };
        Assert.Equal(HttpStatusCode.Redirect, (await therapist.Visitor.Client.SendAsync(remove, Ct)).StatusCode);
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.TherapistEventNotes));

        // The audit names writes that were done: the note added and the note deleted, each once, written with
        // it. The seven refused forms changed nothing and wrote no "write" row; the colleague's try is refused.
        var writes = await SchedulingSteps.RowsAsync(app, db => db.AuditEntries.Where(a => a.ResourceKind == "EventNote" && a.Action == "write"));
        Assert.Equal(2, writes.Count(w => w.Allowed));
        Assert.Equal(noteId.ToString(), writes.Where(w => w.Allowed).OrderBy(w => w.Sequence).Last().ResourceId);
        Assert.Single(writes, w => !w.Allowed);
        // A delete of a note that is not there (deleted already) is not a write either.
        using var again = new HttpRequestMessage(HttpMethod.Post, $"{digest}?handler=DeleteEvent")
            { Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", own), KeyValuePair.Create("eventId", noteId.ToString())]) };
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.Visitor.Client.SendAsync(again, Ct)).StatusCode);
        Assert.Equal(3, (await SchedulingSteps.RowsAsync(app, db => db.AuditEntries.Where(a => a.ResourceKind == "EventNote" && a.Action == "write"))).Count);
    }

    [Fact]
    public async Task TheTherapistSeesEachHistoryWithItsVerdictAndTrendsButNeverTheNameOfAnotherPerson()
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Scores Practice", "scores-owner@example.org");
        var client = new Person(app, "scored-client@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores", "WeeklyMetrics", "Expectations");
        var expected = await client.Visitor.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Partner"), ("Before.Plan", "Ask for time together"), ("Before.ExpectedCarePercent", "30"));
        Assert.Equal(HttpStatusCode.Redirect, expected.StatusCode);
        var expectationId = (await SchedulingSteps.RowsAsync(app, db => db.ExpectationEntries.Where(e => e.ExpectedCarePercent == 30))).Single().Id;
        Assert.Equal(HttpStatusCode.Redirect, (await client.Visitor.PostAsync($"/Expectations/Outcome/{expectationId}", ("Input.Outcome", "Care"))).StatusCode);
        await QuestionnaireTests.CompleteEcrRAsync(client.Visitor, item => 1 + item % 7);
        await NamedPersonTests.EcrRsAboutAsync(client.Visitor, "NAME-CANARY-4410", 3);
        await QuestionnaireTests.CompleteEcrRAsync(client.Visitor, item => 1 + item % 5);
        for (var i = 0; i < 3; i++) await LogAsync(app, client, 4 + i);
        await therapist.SignInAsync();
        var clientId = await app.UserIdAsync(client.Email);

        var scores = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{clientId}/Scores"));
        Assert.Contains("Attachment anxiety since the first time:", scores, StringComparison.Ordinal);
        Assert.Contains("Norm set: Local norms", scores, StringComparison.Ordinal);
        Assert.Contains("<svg", scores, StringComparison.Ordinal);
        Assert.Contains("ECR-RS about: another person (1)", scores, StringComparison.Ordinal);
        // Said once: of the ECR-RS about another person (one sitting), not of the ECR-R with its verdict (two).
        Assert.Single(Regex.Matches(scores, "One sitting so far"));
        Assert.DoesNotContain("NAME-CANARY-4410", scores, StringComparison.Ordinal);

        var weekly = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{clientId}/Weekly"));
        Assert.Contains("Moments per week", weekly, StringComparison.Ordinal);
        Assert.Contains("Median intensity", weekly, StringComparison.Ordinal);
        Assert.Contains("<svg", weekly, StringComparison.Ordinal);

        var expectations = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{clientId}/Expectations"));
        Assert.Contains("Expected and actual care, by relationship and month", expectations, StringComparison.Ordinal);
        Assert.Matches("<td>Partner</td><td class=\"date\">[A-Z][a-z]{2} \\d{4}</td><td>1</td><td>30%</td><td>100%</td>", expectations);

        var digest = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{clientId}/Digest"));
        Assert.Contains("questionnaire: ECR-R", digest, StringComparison.Ordinal);
        Assert.Contains("questionnaire: ECR-RS (another person)", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("NAME-CANARY-4410", digest, StringComparison.Ordinal);
    }
}
