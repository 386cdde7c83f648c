using System.Net;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Measures;

// A therapist schedules questionnaires for a client who shares scores; the client sees what is due and
// takes it; the therapist sees it up to date, then overdue when the next date passes untaken.
public sealed class MeasureScheduleFlowTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    [Fact]
    public async Task TheClientSeesWhatIsDueTakesItAndTheTherapistSeesItUpToDateThenOverdue()
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Measures Practice", "measures-owner@example.org");
        var client = new Person(app, "measured@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores");
        var clientId = await app.UserIdAsync(client.Email);
        var page = $"/Clients/{clientId}/Measures";

        Assert.Contains("Use these", await BodyAsync(await therapist.Visitor.GetAsync(page)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await therapist.Visitor.PostAsync(page, $"{page}?handler=Defaults")).StatusCode);
        var schedule = await BodyAsync(await therapist.Visitor.GetAsync(page));
        Assert.Contains("ECR-R</strong>:\n", schedule.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Due since", schedule, StringComparison.Ordinal);

        var due = await BodyAsync(await client.Visitor.GetAsync("/Questionnaires"));
        Assert.Contains("Take the ECR-R", due, StringComparison.Ordinal);
        Assert.DoesNotContain("Take the ECR-RS", due, StringComparison.Ordinal);   // about the therapist: first due in 4 weeks

        await QuestionnaireTests.CompleteEcrRAsync(client.Visitor, item => 1 + item % 7);
        Assert.DoesNotContain("Take the ECR-R<", await BodyAsync(await client.Visitor.GetAsync("/Questionnaires")), StringComparison.Ordinal);
        Assert.Contains("Up to date; next due", await BodyAsync(await therapist.Visitor.GetAsync(page)), StringComparison.Ordinal);

        // Thirteen weeks on and nothing taken since: the 12-week ECR-R is overdue, the monthly ECR-RS missed twice.
        app.Clock.Advance(TimeSpan.FromDays(7 * 13 + 2));
        await therapist.SignInAsync();
        await client.SignInAsync();
        var later = await BodyAsync(await therapist.Visitor.GetAsync(page));
        Assert.Contains("Overdue: due", later, StringComparison.Ordinal);
        Assert.Contains("Missed 2 times before.", later, StringComparison.Ordinal);
        Assert.Contains("Take the ECR-RS about therapist", await BodyAsync(await client.Visitor.GetAsync("/Questionnaires")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BadRulesAreRefusedAndChangeNothing()
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Rules Practice", "rules-owner@example.org");
        var client = new Person(app, "ruled@example.org");
        await client.Visitor.SignUpAsync(client.Email, client.Password);
        await PracticeSteps.InviteClientAsync(therapist, client, "Scores");
        var clientId = await app.UserIdAsync(client.Email);
        var page = $"/Clients/{clientId}/Measures";
        // Only this client's rules: other tests of the class share the database.
        IQueryable<MeasureScheduleRow> Theirs(AppDbContext db) => db.MeasureSchedules.Where(m => db.CareRelationships.Any(r => r.Id == m.RelationshipId && r.ClientId == clientId));
        foreach (var (fields, message) in new (string, string)[][]
                 {
                     [("instrument", "bdi-ii"), ("atIntake", "true")],
                     [("instrument", "ecr-rs"), ("target", "other"), ("atIntake", "true")],
                     [("instrument", "ecr-rs"), ("target", "nobody"), ("atIntake", "true")],
                     [("instrument", "ecr-r"), ("atIntake", "true"), ("everyWeeks", "0")],
                     [("instrument", "ecr-r"), ("atIntake", "false")],
                 }.Zip(["Choose a questionnaire from the list.", "a named other person cannot be scheduled", "Choose whom the ECR-RS is about", "Repeat every 1 to 104 weeks", "Ask for it now, or every few weeks, or both."]))
        {
            var refused = await therapist.Visitor.PostAsync(page, $"{page}?handler=Save", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await BodyAsync(refused), StringComparison.Ordinal);
        }
        Assert.Empty(await Scheduling.SchedulingSteps.RowsAsync(app, Theirs));
        // A rule saved twice is replaced, not doubled.
        Assert.Equal(HttpStatusCode.Redirect, (await therapist.Visitor.PostAsync(page, $"{page}?handler=Save", ("instrument", "ecr-rs"), ("target", "partner"), ("atIntake", "true"), ("everyWeeks", "4"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await therapist.Visitor.PostAsync(page, $"{page}?handler=Save", ("instrument", "ecr-rs"), ("target", "partner"), ("atIntake", "false"), ("everyWeeks", "6"))).StatusCode);
        var rule = Assert.Single(await Scheduling.SchedulingSteps.RowsAsync(app, Theirs));
        Assert.Equal((false, (int?)6), (rule.AtIntake, rule.EveryWeeks));
    }
}
