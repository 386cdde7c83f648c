using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests.Practice;

// The people of the authorization matrix, each signed in in their own browser, around one client:
//  - Riverside (set up through /Setup): its owner (not the client's therapist); "with", the client's
//    therapist who was granted every scope and one note; a colleague; "deactivated", who worked with
//    the client, was deactivated by the owner and has signed in again since;
//  - Hillside: "without", the client's therapist there, granted nothing;
//  - Elsewhere: "foreign", a therapist with no tie to the client;
//  - the client (a solo user first, with history, then invited), and another client.
// Every protected field of the client holds a canary.
public sealed class MatrixWorld : IAsyncLifetime
{
    public PracticeApp App { get; } = new();
    public Dictionary<string, Person?> Subjects { get; } = [];
    public Dictionary<string, string> Ids { get; } = [];
    public Dictionary<string, string> Canaries { get; } = [];
    public string SharedNoteCanary => Canaries["shared note"];
    public Person ElsewhereOwner { get; private set; } = null!;

    public static readonly string[] SubjectNames = ["anonymous", "client", "other", "with", "without", "colleague", "owner", "foreign", "deactivated", "nomfa"];

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        foreach (var field in new[] { "shared note", "private note", "label", "plan", "feeling", "ecr-rs name", "spare note", "other note" })
            Canaries[field] = "CANARY" + Guid.NewGuid().ToString("N")[..12];

        var ownerA = await PracticeSteps.SetUpFirstPracticeAsync(App);
        var with = await PracticeSteps.InviteTherapistAsync(App, ownerA, "with@example.org");
        var colleague = await PracticeSteps.InviteTherapistAsync(App, ownerA, "colleague@example.org");
        var deactivated = await PracticeSteps.InviteTherapistAsync(App, ownerA, "deactivated@example.org");
        var ownerB = await PracticeSteps.AddPracticeAsync(App, "Hillside", "owner-b@example.org");
        var without = await PracticeSteps.InviteTherapistAsync(App, ownerB, "without@example.org");
        var ownerC = await PracticeSteps.AddPracticeAsync(App, "Elsewhere", "owner-c@example.org");
        var foreign = await PracticeSteps.InviteTherapistAsync(App, ownerC, "foreign@example.org");
        ElsewhereOwner = ownerC;

        var client = new Person(App, "client@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await SeedClientDataAsync(client);
        var other = new Person(App, "other@example.org");
        await other.Visitor.SignUpAsync(other.Email, other.Password);
        Ids["otherEntry"] = await LogAsync(other, ("Input.Note", Canaries["other note"]));
        Ids["otherAdministration"] = await QuestionnaireTests.CompleteEcrRAsync(other.Visitor, item => 1 + item % 5);
        Ids["nobody"] = Guid.NewGuid().ToString();

        var all = new[] { "Scores", "ItemAnswers", "WeeklyMetrics", "ActivationEntries", "Expectations" };
        await PracticeSteps.InviteClientAsync(deactivated, client, all);
        var deactivate = await ownerA.Visitor.PostAsync("/Practice", "/Practice?handler=Deactivate", ("userId", await App.UserIdAsync(deactivated.Email)));
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        await deactivated.SignInAsync();
        await PracticeSteps.InviteClientAsync(with, client, all);
        await PracticeSteps.InviteClientAsync(without, client);

        // The client shares the note of one entry with "with" (the relationship at Hillside is offered too, left unticked).
        var withRelationship = await App.InScopeAsync(async s => (await s.GetRequiredService<AppDbContext>().CareRelationships
            .FirstAsync(r => r.TherapistId == Ids["with"] && r.EndedAt == null, Ct)).Id.ToString());
        var shared = await client.Visitor.PostAsync($"/Log/Edit/{Ids["sharedEntry"]}",
            ("Input.Pull", "Toward"), ("Input.Intensity", "7"), ("Input.Response", "PausedAndChoseNew"), ("Input.Note", Canaries["shared note"]), ("ShareWith", withRelationship));
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);

        await SeedSchedulingAsync(with, client);

        Subjects["anonymous"] = null;
        Subjects["client"] = client;
        Subjects["other"] = other;
        Subjects["with"] = with;
        Subjects["without"] = without;
        Subjects["colleague"] = colleague;
        Subjects["owner"] = ownerA;
        Subjects["foreign"] = foreign;
        Subjects["deactivated"] = deactivated;
        var halfway = new Person(App, with.Email);   // the password only, in a second browser
        Assert.Equal(HttpStatusCode.Redirect, (await halfway.Visitor.SignInAsync(with.Email, with.Password)).StatusCode);
        Subjects["nomfa"] = halfway;
    }

    async Task SeedClientDataAsync(Person client)
    {
        Ids["client"] = await App.UserIdAsync(client.Email);
        Ids["with"] = await App.UserIdAsync("with@example.org");
        Ids["sharedEntry"] = await LogAsync(client, ("Input.Note", "first draft"), ("Input.Relationship", "Other"), ("Input.RelationshipLabel", Canaries["label"]));
        Ids["privateEntry"] = await LogAsync(client, ("Input.Note", Canaries["private note"]));
        Ids["spareEntry"] = await LogAsync(client, ("Input.Note", Canaries["spare note"]));
        Ids["administration"] = await QuestionnaireTests.CompleteEcrRAsync(client.Visitor, item => 1 + item % 7);
        var expected = await client.Visitor.PostAsync("/Expectations", "/Expectations?handler=Before",
            ("Before.Relationship", "Partner"), ("Before.Plan", Canaries["plan"]), ("Before.ExpectedCarePercent", "40"));
        Assert.Equal(HttpStatusCode.Redirect, expected.StatusCode);
        Ids["expectation"] = await App.InScopeAsync(async s => (await s.GetRequiredService<AppDbContext>().ExpectationEntries.FirstAsync(e => e.UserId == Ids["client"], Ct)).Id.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.Visitor.PostAsync("/Expectations", "/Expectations?handler=Corrective",
            ("Corrective.Kind", "Other"), ("Corrective.Relationship", "Friend"))).StatusCode);
        Ids["spareExpectation"] = await App.InScopeAsync(async s => (await s.GetRequiredService<AppDbContext>().ExpectationEntries.FirstAsync(e => e.UserId == Ids["client"] && e.CorrectiveKind != null, Ct)).Id.ToString());
        var outcome = await client.Visitor.PostAsync($"/Expectations/Outcome/{Ids["expectation"]}", ("Input.Outcome", "Care"), ("Input.Feeling", Canaries["feeling"]));
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);
        var start = await client.Visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start",
            ("instrument", "ecr-rs"), ("target", "partner"), ("targetName", Canaries["ecr-rs name"]));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Ids["openAdministration"] = start.Headers.Location!.OriginalString.Split('/', '?')[3];
        var spare = await client.Visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", ("instrument", "rq"));
        Ids["spareOpenAdministration"] = spare.Headers.Location!.OriginalString.Split('/', '?')[3];
        Ids["spareAdministration"] = await QuestionnaireTests.CompleteEcrRAsync(client.Visitor, item => 1 + item % 5);
    }

    // "with" opens a booking page; the client asks for a weekly time through it, and "with" approves it.
    async Task SeedSchedulingAsync(Person with, Person client)
    {
        var path = await Scheduling.SchedulingSteps.OpenBookingAsync(App, with);
        var parts = path.Split('/');
        (Ids["bookPractice"], Ids["bookTherapist"]) = (parts[2], parts[3]);
        var slot = (await Scheduling.SchedulingSteps.SlotsAsync(client.Visitor, path))[0];
        var request = await Scheduling.SchedulingSteps.HoldAsync(App, path, slot, "Client", client.Email);
        Assert.Equal(HttpStatusCode.Redirect, (await Scheduling.SchedulingSteps.ApproveAsync(with, request, weekly: true)).StatusCode);
        var series = (await Scheduling.SchedulingSteps.RowsAsync(App, db => db.StandingSeries)).Single();
        Assert.Equal(Ids["client"], series.ClientId);
        Ids["series"] = series.Id.ToString();
        Ids["seriesDate"] = series.StartDate.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    async Task<string> LogAsync(Person person, params (string, string)[] extra)
    {
        (string, string)[] fields = [("Input.Pull", "Toward"), ("Input.Intensity", "7"), ("Input.Response", "PausedAndChoseNew"), .. extra];
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var response = await person.Visitor.PostAsync("/Log", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var userId = await App.UserIdAsync(person.Email);
        return await App.InScopeAsync(async s => (await s.GetRequiredService<AppDbContext>().ActivationEntries
            .Where(e => e.UserId == userId).OrderByDescending(e => e.CreatedAt).FirstAsync(Ct)).Id.ToString());
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
