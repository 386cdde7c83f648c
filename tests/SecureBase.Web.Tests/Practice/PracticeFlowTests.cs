using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests.Practice;

// First run, invitations, consent revocation (G3), deactivation, and the client's access log, end to end over HTTP.
// The app of the flow tests, with the practice owner they share (set up by whichever test runs first).
public sealed class PracticeFlowApp : PracticeApp
{
    public Person? Owner { get; set; }
    public SemaphoreSlim SetUp { get; } = new(1, 1);
}

public sealed class PracticeFlowTests(PracticeFlowApp app) : IClassFixture<PracticeFlowApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    // One practice with its owner, set up once for the class through /Setup.
    async Task<Person> OwnerAsync()
    {
        await app.SetUp.WaitAsync(Ct);
        try
        {
            return app.Owner ??= await SetUpAsync();
        }
        finally
        {
            app.SetUp.Release();
        }
    }

    async Task<Person> SetUpAsync()
    {
        _ = app.Services;   // the host starts lazily, and the code is written as it starts; a test may run before any request
        var codeFile = Path.Combine(app.DataDirectory, "setup-code");
        Assert.True(File.Exists(codeFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(codeFile));
        var code = (await File.ReadAllTextAsync(codeFile, Ct)).Trim();
        lock (app.LogLines) Assert.Contains(app.LogLines, l => l.Contains(code, StringComparison.Ordinal) && l.Contains("/Setup", StringComparison.Ordinal));
        return await PracticeSteps.SetUpFirstPracticeAsync(app);
    }

    [Fact]
    public async Task FirstRunAsksForTheCodeOnceAndThenSetupIsGone()
    {
        var stranger = new Visitor(app);
        var form = await stranger.GetAsync("/Setup");
        if (app.Owner is null && form.StatusCode == HttpStatusCode.OK)
        {
            var wrong = await stranger.PostAsync("/Setup", ("Input.SetupCode", "AAAAA-BBBBB-CCCCC-DDDDD"), ("Input.PracticeName", "Mine"),
                ("Input.TimeZone", "Europe/Berlin"), ("Input.Email", "intruder@example.org"), ("Input.Password", "correct horse battery staple"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("not the setup code", await BodyAsync(wrong), StringComparison.Ordinal);
        }
        var owner = await OwnerAsync();
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "setup-code")));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/Setup")).StatusCode);
        Assert.Equal(1, app.InScope(s => s.GetRequiredService<AppDbContext>().Practices.Count()));
        Assert.Equal(0, app.InScope(s => s.GetRequiredService<AppDbContext>().Users.Count(u => u.Email == "intruder@example.org")));
        // The owner reaches the practice page only after the second step.
        Assert.Equal(HttpStatusCode.OK, (await owner.Visitor.GetAsync("/Practice")).StatusCode);
    }

    [Fact]
    public async Task AccountsOfPeopleWhoWorkAtAPracticeAreKeptAndAClientCannotBecomeATherapistThere()
    {
        var owner = await OwnerAsync();
        var refused = await owner.Visitor.PostAsync("/MyData/Delete", ("Password", owner.Password));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cannot be deleted: the record of whose data it opened must stay attributable", await BodyAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.Visitor.GetAsync("/Practice")).StatusCode);

        var therapist = await PracticeSteps.InviteTherapistAsync(app, owner, "staying@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, (await therapist.Visitor.PostAsync("/MyData/Delete", ("Password", therapist.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await therapist.Visitor.GetAsync("/Clients")).StatusCode);

        var client = new Person(app, "not-a-colleague@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client);
        var invite = await owner.Visitor.PostAsync("/Practice", "/Practice?handler=Invite", ("InviteEmail", client.Email));
        Assert.Equal(HttpStatusCode.BadRequest, invite.StatusCode);
        Assert.Contains("a client cannot also be a therapist here", await BodyAsync(invite), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistWithoutASecondFactorReachesNothingButEnrolment()
    {
        var owner = await OwnerAsync();
        await owner.Visitor.PostAsync("/Practice", "/Practice?handler=Invite", ("InviteEmail", "new-therapist@example.org"));
        var therapist = new Person(app, "new-therapist@example.org");
        await therapist.AcceptInvitationAsync();
        foreach (var path in new[] { "/Clients", "/Log", "/Progress", "/Sharing", "/MyData?handler=Json", "/Accounts/Profile", "/Practice" })
        {
            var response = await therapist.Visitor.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/Accounts/TwoFactor", StringComparison.Ordinal),
                $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        var enrolPage = await BodyAsync(await therapist.Visitor.GetAsync("/Accounts/TwoFactor"));
        Assert.DoesNotContain("href=\"/Log\"", enrolPage, StringComparison.Ordinal);   // held at the step: no menu that only leads back
        Assert.Contains("Sign out", enrolPage, StringComparison.Ordinal);
        await therapist.EnrolAsync();
        Assert.Equal(HttpStatusCode.OK, (await therapist.Visitor.GetAsync("/Clients")).StatusCode);
        Assert.Contains("href=\"/Log\"", await BodyAsync(await therapist.Visitor.GetAsync("/Clients")), StringComparison.Ordinal);

        // Signing in again: the password alone opens nothing.
        var again = new Person(app, therapist.Email);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Visitor.SignInAsync(therapist.Email)).StatusCode);
        var held = await again.Visitor.GetAsync("/Clients");
        Assert.StartsWith("/Accounts/SecondFactor", held.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationWorksOnceAndForSevenDays()
    {
        var owner = await OwnerAsync();
        await owner.Visitor.PostAsync("/Practice", "/Practice?handler=Invite", ("InviteEmail", "late@example.org"));
        var mail = app.Mail().Last(m => m.To == "late@example.org");
        Assert.DoesNotContain("client", mail.Subject, StringComparison.OrdinalIgnoreCase);
        var expired = mail.Link("/Invitations/Accept");
        var late = new Visitor(app);
        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("has expired", await BodyAsync(await late.GetAsync(expired)), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("has expired", await BodyAsync(await late.GetAsync(expired)), StringComparison.Ordinal);

        // A new invitation works, once (a week later the owner signs in again: sessions last 12 hours at most).
        await owner.SignInAsync();
        await owner.Visitor.PostAsync("/Practice", "/Practice?handler=Invite", ("InviteEmail", "late@example.org"));
        var link = app.Mail().Last(m => m.To == "late@example.org").Link("/Invitations/Accept");
        Assert.NotEqual(expired, link);
        var therapist = new Person(app, "late@example.org");
        await therapist.AcceptInvitationAsync();
        Assert.Contains("used already", await BodyAsync(await new Visitor(app).GetAsync(link)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await late.GetAsync(link + "x")).StatusCode);
        // Only the token's hash is stored.
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.Equal(0, app.InScope(s => s.GetRequiredService<AppDbContext>().Invitations.AsEnumerable()
            .Count(i => System.Text.Encoding.ASCII.GetString(i.TokenHash).Contains(token, StringComparison.Ordinal))));
        Assert.False(await app.DatabaseContainsAsync(token));
    }


    [Fact]
    public async Task ASoloClientAcceptsIntoTheirAccountKeepsEverythingAndRevocationHoldsOnTheNextRequest()
    {
        var owner = await OwnerAsync();
        var therapist = await PracticeSteps.InviteTherapistAsync(app, owner, "revoke-therapist@example.org");
        var client = new Person(app, "solo@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        var logged = await client.Visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "4"), ("Input.Response", "PausedAndChoseNew"));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);

        // The invitation mail names no client and nothing clinical.
        await therapist.Visitor.PostAsync("/Clients", "/Clients?handler=Invite", ("InviteEmail", client.Email));
        var invitation = app.Mail().Last(m => m.To == client.Email);
        Assert.Equal("An invitation to SecureBase", invitation.Subject);

        // Nothing is ticked on the consent page.
        var acceptPage = await BodyAsync(await client.Visitor.GetAsync(invitation.Link("/Invitations/Accept")));
        Assert.Contains("name=\"Scopes\"", acceptPage, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", acceptPage, StringComparison.Ordinal);
        await client.AcceptInvitationAsync("WeeklyMetrics");

        var clientId = await app.UserIdAsync(client.Email);
        Assert.Equal(1, app.InScope(s => s.GetRequiredService<AppDbContext>().ActivationEntries.Count(e => e.UserId == clientId)));   // history kept
        var weekly = $"/Clients/{clientId}/Weekly";
        Assert.Equal(HttpStatusCode.OK, (await therapist.Visitor.GetAsync(weekly)).StatusCode);
        var moments = await therapist.Visitor.GetAsync($"/Clients/{clientId}/Moments");
        Assert.Equal(HttpStatusCode.Forbidden, moments.StatusCode);
        Assert.Contains("Not shared", await BodyAsync(moments), StringComparison.Ordinal);

        // Revoke: the very next request is refused, even for a page the therapist has open.
        var relationshipId = app.InScope(s => s.GetRequiredService<AppDbContext>().CareRelationships.Single(r => r.ClientId == clientId).Id);
        var saved = await client.Visitor.PostAsync("/Sharing", "/Sharing?handler=Save", ("relationshipId", relationshipId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await therapist.Visitor.GetAsync(weekly);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());

        // Grant again, then the client ends it: the therapist sees nothing at all, the client keeps everything.
        await client.Visitor.PostAsync("/Sharing", "/Sharing?handler=Save", ("relationshipId", relationshipId.ToString()), ("scopes", "WeeklyMetrics"));
        Assert.Equal(HttpStatusCode.OK, (await therapist.Visitor.GetAsync(weekly)).StatusCode);
        // A part the page does not offer (a word, a number) changes nothing, and the page says so.
        foreach (var odd in new[] { "Bogus", "99" })
        {
            var refusedSave = await client.Visitor.PostAsync("/Sharing", "/Sharing?handler=Save", ("relationshipId", relationshipId.ToString()), ("scopes", odd), ("scopes", "Scores"));
            Assert.Equal(HttpStatusCode.BadRequest, refusedSave.StatusCode);
            Assert.Contains("Choose only from the parts listed on this page. Nothing was changed.", await BodyAsync(refusedSave), StringComparison.Ordinal);
        }
        Assert.Equal(["WeeklyMetrics"], app.InScope(s => s.GetRequiredService<AppDbContext>().ConsentGrants.Where(g => g.RelationshipId == relationshipId).Select(g => g.Scope.ToString()).ToList()));
        var ended = await client.Visitor.PostAsync("/Sharing", "/Sharing?handler=End", ("relationshipId", relationshipId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.Visitor.GetAsync(weekly)).StatusCode);
        Assert.Equal(1, app.InScope(s => s.GetRequiredService<AppDbContext>().ActivationEntries.Count(e => e.UserId == clientId)));

        // The client sees who looked, allowed and refused, in their own log.
        var accessLog = await BodyAsync(await client.Visitor.GetAsync("/Sharing/AccessLog"));
        Assert.Contains("revoke-therapist@example.org (therapist) saw your weekly summaries", accessLog, StringComparison.Ordinal);
        Assert.Contains("revoke-therapist@example.org (therapist) tried to open, and was refused, your weekly summaries", accessLog, StringComparison.Ordinal);
        // And the owner sees the same in the practice log, filtered to that client.
        var practiceLog = await BodyAsync(await owner.Visitor.GetAsync("/Practice/Audit?Person=solo%40"));
        Assert.Contains("solo@example.org", practiceLog, StringComparison.Ordinal);
        Assert.Contains("chain of hashes is whole", practiceLog, StringComparison.Ordinal);
        Assert.DoesNotContain("new-therapist", practiceLog, StringComparison.Ordinal);
        // The client's copy of their data holds the sharing and the access log too.
        using var export = System.Text.Json.JsonDocument.Parse(await BodyAsync(await client.Visitor.GetAsync("/MyData?handler=Json")));
        var sharing = export.RootElement.GetProperty("sharing");
        Assert.Equal("revoke-therapist@example.org", sharing[0].GetProperty("therapist").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, sharing[0].GetProperty("ended").ValueKind);
        Assert.Contains(export.RootElement.GetProperty("accessLog").EnumerateArray(), a => !a.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task DeactivatingATherapistEndsTheirSessionsAndTheirAccessAtOnce()
    {
        var owner = await OwnerAsync();
        var therapist = await PracticeSteps.InviteTherapistAsync(app, owner, "leaving@example.org");
        var secondBrowser = new Person(app, therapist.Email);
        Assert.Equal(HttpStatusCode.Redirect, (await secondBrowser.Visitor.SignInAsync(therapist.Email)).StatusCode);
        var client = new Person(app, "leaving-client@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores");
        var clientId = await app.UserIdAsync(client.Email);
        Assert.Equal(HttpStatusCode.OK, (await therapist.Visitor.GetAsync($"/Clients/{clientId}/Scores")).StatusCode);

        var therapistId = await app.UserIdAsync(therapist.Email);
        var done = await owner.Visitor.PostAsync("/Practice", "/Practice?handler=Deactivate", ("userId", therapistId));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        foreach (var browser in new[] { therapist.Visitor, secondBrowser.Visitor })
        {
            var next = await browser.GetAsync($"/Clients/{clientId}/Scores");
            Assert.StartsWith("/Accounts/SignIn", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        await therapist.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.Visitor.GetAsync($"/Clients/{clientId}/Scores")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.Visitor.GetAsync("/Clients")).StatusCode);
        Assert.Contains("Ended", await BodyAsync(await client.Visitor.GetAsync("/Sharing")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientSharesOneNoteAndOnlyThatOne()
    {
        var owner = await OwnerAsync();
        var therapist = await PracticeSteps.InviteTherapistAsync(app, owner, "notes-therapist@example.org");
        var client = new Person(app, "notes-client@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "ActivationEntries");
        var clientId = await app.UserIdAsync(client.Email);
        foreach (var note in new[] { "NOTE-ONE-shared", "NOTE-TWO-private" })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await client.Visitor.PostAsync("/Log", ("Input.Pull", "Toward"), ("Input.Intensity", "5"), ("Input.Response", "RanOldPattern"), ("Input.Note", note));
        }
        var entries = app.InScope(s => s.GetRequiredService<AppDbContext>().ActivationEntries.Where(e => e.UserId == clientId).OrderBy(e => e.CreatedAt).Select(e => e.Id).ToList());
        var relationshipId = app.InScope(s => s.GetRequiredService<AppDbContext>().CareRelationships.Single(r => r.ClientId == clientId).Id);
        var editPage = await BodyAsync(await client.Visitor.GetAsync($"/Log/Edit/{entries[0]}"));
        Assert.Contains("Share this note with my therapist", editPage, StringComparison.Ordinal);
        Assert.DoesNotContain("checked=\"checked\" /> Share", editPage, StringComparison.Ordinal);
        await client.Visitor.PostAsync($"/Log/Edit/{entries[0]}", ("Input.Pull", "Toward"), ("Input.Intensity", "5"), ("Input.Response", "RanOldPattern"),
            ("Input.Note", "NOTE-ONE-shared"), ("ShareWith", relationshipId.ToString()));

        var moments = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{clientId}/Moments"));
        Assert.DoesNotContain("NOTE-", moments, StringComparison.Ordinal);
        Assert.Contains($"/Clients/{clientId}/Notes/{entries[0]}", moments, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Notes/{entries[1]}", moments, StringComparison.Ordinal);
        var notePage = await BodyAsync(await therapist.Visitor.GetAsync($"/Clients/{clientId}/Notes/{entries[0]}"));
        Assert.Contains("NOTE-ONE-shared", notePage, StringComparison.Ordinal);
        Assert.DoesNotContain("intensity", notePage, StringComparison.Ordinal);   // the note, not the moment (shared only with "moments")
        var other = await therapist.Visitor.GetAsync($"/Clients/{clientId}/Notes/{entries[1]}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("NOTE-TWO", await BodyAsync(other), StringComparison.Ordinal);
    }
}

public sealed class InvitedClientErasureTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    [Fact]
    public async Task ADeletedClientLeavesNoTraceOfHavingBeenInvited()
    {
        var owner = await PracticeSteps.SetUpFirstPracticeAsync(app);
        var therapist = await PracticeSteps.InviteTherapistAsync(app, owner, "eraser-therapist@example.org");
        var client = new Person(app, "erased-client-canary@example.org");
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores");
        await therapist.Visitor.PostAsync("/Clients", "/Clients?handler=Invite", ("InviteEmail", "erased-client-canary@example.org"));   // refused: already their client
        var deleted = await client.Visitor.PostAsync("/MyData/Delete", ("Password", client.Password));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.False(System.Text.Encoding.Latin1.GetString(bytes).Contains("erased-client-canary", StringComparison.OrdinalIgnoreCase), $"the address is still in {file}");
        }
    }
}

public sealed class ClosedSignUpApp : PracticeApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("SecureBase:PublicSignUp", "false")];
}

public sealed class ClosedSignUpTests(ClosedSignUpApp app) : IClassFixture<ClosedSignUpApp>
{
    [Fact]
    public async Task WithPublicSignUpOffOnlyInvitationsCreateAccounts()
    {
        var visitor = new Visitor(app);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/Accounts/SignUp")).StatusCode);
        Assert.DoesNotContain("/Accounts/SignUp", await (await visitor.GetAsync("/Accounts/SignIn")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var owner = await PracticeSteps.SetUpFirstPracticeAsync(app);
        var therapist = await PracticeSteps.InviteTherapistAsync(app, owner, "invited@example.org");
        Assert.Equal(HttpStatusCode.OK, (await therapist.Visitor.GetAsync("/Clients")).StatusCode);
    }
}
