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
        Assert.Matches("<td>Partner</td><td>Jan 2026</td><td>1</td><td>30%</td><td>100%</td><td>0%</td>", progress);
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
        Assert.Contains("Family:\n                Repair after a conflict", await (await visitor.GetAsync("/Expectations")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
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
}
