using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

public partial class ExpectationTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("/Expectations/Outcome/([0-9a-f-]{36})")]
    private static partial Regex OutcomeLink();

    static Task<HttpResponseMessage> ExpectAsync(Visitor visitor, string percent, string plan = "Ask for a hug after the call") =>
        visitor.PostAsync("/Expectations", "/Expectations?handler=Before",
            ("Before.Relationship", "Partner"), ("Before.Plan", plan), ("Before.ExpectedCarePercent", percent));

    async Task<int> CountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ExpectationEntries.CountAsync(Ct);
    }

    [Fact]
    public async Task AnExpectationWaitsForItsOutcomeAndThenShowsInTheCalibration()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ExpectAsync(visitor, "30")).StatusCode);
        var page = await (await visitor.GetAsync("/Expectations")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Partner, expected 30% — add what happened", page, StringComparison.Ordinal);
        var id = OutcomeLink().Match(page).Groups[1].Value;

        var outcome = await visitor.PostAsync($"/Expectations/Outcome/{id}", ("Input.Outcome", "Care"), ("Input.Feeling", "Relieved"));
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);
        var progress = WebUtility.HtmlDecode(await (await visitor.GetAsync("/Progress")).Content.ReadAsStringAsync(Ct));
        Assert.Matches("<td>Partner</td><td class=\"date\">Jan 2026</td><td>1</td><td>30%</td><td>100%</td><td>0%</td>", progress);
    }

    [Theory]
    [InlineData("150", "Ask", "Likelihood is from 0% to 100%.")]
    [InlineData("50", "", "Say briefly what you will do.")]
    [InlineData("", "Ask", "Choose how likely a caring response feels.")]
    public async Task BadInputIsRefusedWithAReasonAndSavesNothing(string percent, string plan, string message)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var before = await CountAsync();
        var response = await ExpectAsync(visitor, percent, plan);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ACorrectiveExperienceCanBeLoggedOnItsOwn()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var response = await visitor.PostAsync("/Expectations", "/Expectations?handler=Corrective",
            ("Corrective.Kind", "RepairAfterConflict"), ("Corrective.Relationship", "Family"), ("Corrective.Feeling", "Lighter"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Family: Repair after a conflict", await (await visitor.GetAsync("/Expectations")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodyCanCompleteAnotherPersonsExpectation()
    {
        var owner = new Visitor(app);
        await owner.SignUpAsync();
        await ExpectAsync(owner, "40", "private plan text");
        var id = OutcomeLink().Match(await (await owner.GetAsync("/Expectations")).Content.ReadAsStringAsync(Ct)).Groups[1].Value;

        var other = new Visitor(app);
        await other.SignUpAsync();
        var page = await other.GetAsync($"/Expectations/Outcome/{id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("private plan text", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var token = await other.TokenAsync("/Expectations", "/Accounts/SignOut");
        var post = await other.Client.PostAsync($"/Expectations/Outcome/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Outcome"] = "NotCare", ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    async Task<SecureBase.Data.Model.ExpectationEntry?> FindAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ExpectationEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, Ct);
    }

    // Issue 11: an expectation can be changed, its moment can "not happen" (then it counts in no
    // calibration), and it can be deleted; a corrective experience too; nobody else can do any of it.
    [Fact]
    public async Task AnExpectationCanBeChangedCanNotHappenAndCanBeDeletedByItsOwnerOnly()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await ExpectAsync(visitor, "30", "Tell her about the job");
        var id = Guid.Parse(OutcomeLink().Match(await BodyAsync(await visitor.GetAsync("/Expectations"))).Groups[1].Value);
        var edit = $"/Expectations/Edit/{id}";
        Assert.Contains("Tell her about the job</textarea>", await BodyAsync(await visitor.GetAsync(edit)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync(edit, ("Before.Relationship", "Friend"), ("Before.Plan", "Tell him instead"), ("Before.ExpectedCarePercent", "70"))).StatusCode);
        var refused = await visitor.PostAsync(edit, ("Before.Relationship", "Friend"), ("Before.Plan", "x"), ("Before.ExpectedCarePercent", "101"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Likelihood is from 0% to 100%.", await BodyAsync(refused), StringComparison.Ordinal);
        var changed = await FindAsync(id);
        Assert.Equal((70, SecureBase.Core.ActivationLog.Relationship.Friend), (changed!.ExpectedCarePercent, changed.Relationship));
        Assert.Contains("Tell him instead</textarea>", await BodyAsync(await visitor.GetAsync(edit)), StringComparison.Ordinal);

        // The moment never came: noted as such, counted in no calibration, shown checked when reopened.
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync($"/Expectations/Outcome/{id}", ("Input.Outcome", "DidNotHappen"))).StatusCode);
        Assert.Contains("Friend: expected 70%, it didn't happen", await BodyAsync(await visitor.GetAsync("/Expectations")), StringComparison.Ordinal);
        Assert.DoesNotContain("<td>Friend</td><td class=\"date\">Jan 2026</td>", await BodyAsync(await visitor.GetAsync("/Progress")), StringComparison.Ordinal);
        Assert.Contains("value=\"DidNotHappen\" checked=\"checked\"", await BodyAsync(await visitor.GetAsync($"/Expectations/Outcome/{id}")), StringComparison.Ordinal);

        // Someone else: as if it did not exist, and nothing changes.
        var other = new Visitor(app);
        await other.SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(edit)).StatusCode);
        var token = await other.TokenAsync("/Expectations", "/Accounts/SignOut");
        async Task<HttpStatusCode> OtherPosts(string url, params (string, string)[] fields) =>
            (await other.Client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)), KeyValuePair.Create("__RequestVerificationToken", token)]), Ct)).StatusCode;
        Assert.Equal(HttpStatusCode.NotFound, await OtherPosts($"{edit}?handler=Delete"));
        Assert.Equal(HttpStatusCode.NotFound, await OtherPosts(edit, ("Before.Relationship", "Partner"), ("Before.Plan", "mine now"), ("Before.ExpectedCarePercent", "10")));
        Assert.Equal(70, (await FindAsync(id))!.ExpectedCarePercent);

        var deleted = await visitor.PostAsync(edit, $"{edit}?handler=Delete");
        Assert.Equal("/Expectations?deleted=true", deleted.Headers.Location?.OriginalString);
        Assert.Null(await FindAsync(id));
        Assert.Contains("Deleted.", await BodyAsync(await visitor.GetAsync("/Expectations?deleted=true")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(edit)).StatusCode);

        // A corrective experience: its kind and feeling change.
        await visitor.PostAsync("/Expectations", "/Expectations?handler=Corrective", ("Corrective.Kind", "RepairAfterConflict"), ("Corrective.Relationship", "Family"));
        var corrective = Guid.Parse(Regex.Match(await BodyAsync(await visitor.GetAsync("/Expectations")), "/Expectations/Edit/([0-9a-f-]{36})").Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync($"/Expectations/Edit/{corrective}", ("Corrective.Kind", "ShowedUpConsistently"), ("Corrective.Relationship", "Family"))).StatusCode);
        Assert.Contains("Family: Someone showed up consistently", await BodyAsync(await visitor.GetAsync("/Expectations")), StringComparison.Ordinal);
    }
}
