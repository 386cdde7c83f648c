using System.Net;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Tests;

public partial class QuestionnaireTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("/Questionnaires/Take/([0-9a-f-]{36})")]
    private static partial Regex TakeLink();

    static async Task<string> StartAsync(Visitor visitor, string instrument, string? target = null)
    {
        var fields = new List<(string, string)> { ("instrument", instrument) };
        if (target is not null) fields.Add(("target", target));
        var response = await visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", [.. fields]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return TakeLink().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    // Answers one page: item number → value, by the pack's stable ids (ecr-r.01 …).
    static Task<HttpResponseMessage> AnswerPageAsync(Visitor visitor, string id, int page, string nav, IEnumerable<int> numbers, Func<int, int?> value) =>
        visitor.PostAsync($"/Questionnaires/Take/{id}?step={page}", $"/Questionnaires/Take/{id}?step={page}",
            [.. numbers.Where(n => value(n) is not null).Select(n => ($"ecr-r.{n:00}", value(n)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))), ("nav", nav)]);

    // Answers every item (null leaves one blank) and finishes.
    public static async Task<string> CompleteEcrRAsync(Visitor visitor, Func<int, int?> value)
    {
        var id = await StartAsync(visitor, "ecr-r");
        for (var page = 1; page <= 6; page++)
        {
            var response = await AnswerPageAsync(visitor, id, page, page == 6 ? "finish-anyway" : "next", Enumerable.Range((page - 1) * 6 + 1, 6), value);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));
        }
        return id;
    }

    [Fact]
    public async Task TakingTheEcrRPageByPageGivesAScoredResult()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var id = await CompleteEcrRAsync(visitor, _ => 7);
        var html = WebUtility.HtmlDecode(await (await visitor.GetAsync($"/Questionnaires/Result/{id}")).Content.ReadAsStringAsync(Ct));
        Assert.Contains("6.33", html, StringComparison.Ordinal);   // anxiety (16·7 + 2·1) / 18
        Assert.Contains("3.00", html, StringComparison.Ordinal);   // avoidance (6·7 + 12·1) / 18
        Assert.Contains("Nearest quadrant, approximate: Anxious–preoccupied", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("This is your first ECR-R", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEcrRsCanBeAboutANamedPersonWhoseNameIsStoredEncrypted()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var name = $"Sam-{Guid.NewGuid():N}";
        var response = await visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", ("instrument", "ecr-rs"), ("target", "other"), ("targetName", name));
        var page = await (await visitor.GetAsync(response.Headers.Location!.ToString())).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"Another person (named): {name}", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(name, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(app.DatabasePath, Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionnaireCanBeLeftAndResumedWhereItStopped()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var id = await StartAsync(visitor, "ecr-r");
        await AnswerPageAsync(visitor, id, 1, "next", Enumerable.Range(1, 6), _ => 4);
        await AnswerPageAsync(visitor, id, 2, "leave", Enumerable.Range(7, 6), _ => 5);

        var list = await (await visitor.GetAsync("/Questionnaires")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("12 of 36 answered", list, StringComparison.Ordinal);
        var resumed = await (await visitor.GetAsync($"/Questionnaires/Take/{id}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Page 3 of 6", resumed, StringComparison.Ordinal);
        var page2 = await (await visitor.GetAsync($"/Questionnaires/Take/{id}?step=2")).Content.ReadAsStringAsync(Ct);
        Assert.Matches("name=\"ecr-r.07\" value=\"5\" checked", page2);
    }

    [Fact]
    public async Task FinishingWithGapsAsksFirstAndThenScoresWhatItCan()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var id = await StartAsync(visitor, "ecr-r");
        for (var page = 1; page <= 5; page++) await AnswerPageAsync(visitor, id, page, "next", Enumerable.Range((page - 1) * 6 + 1, 6), _ => 4);
        var ask = await AnswerPageAsync(visitor, id, 6, "finish", [31, 32], _ => 4);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("4 statements are unanswered: 33, 34, 35, 36", await ask.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var finish = await AnswerPageAsync(visitor, id, 6, "finish-anyway", [31, 32], _ => 4);
        Assert.Equal(HttpStatusCode.Redirect, finish.StatusCode);
        var html = await (await visitor.GetAsync($"/Questionnaires/Result/{id}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("No score: too many statements were left unanswered.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("four")]
    public async Task AnAnswerOffTheScaleIsRefusedAndNothingIsSaved(string value)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var id = await StartAsync(visitor, "ecr-r");
        var response = await visitor.PostAsync($"/Questionnaires/Take/{id}?step=1", $"/Questionnaires/Take/{id}?step=1", ("ecr-r.01", "4"), ("ecr-r.02", value), ("nav", "next"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Statement 2: choose one of the answers from 1 to 7.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("0 of 36 answered", await (await visitor.GetAsync("/Questionnaires")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecr-s", null, "Choose a questionnaire from the list.")]
    [InlineData("ecr-rs", "neighbour", "Choose whom the ECR-RS is about.")]
    public async Task StartingAnUnknownQuestionnaireIsAClearError(string instrument, string? target, string message)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var fields = new List<(string, string)> { ("instrument", instrument) };
        if (target is not null) fields.Add(("target", target));
        var response = await visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", [.. fields]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPersonCannotSeeOrAnswerSomeoneElsesQuestionnaire()
    {
        var owner = new Visitor(app);
        await owner.SignUpAsync();
        var finished = await CompleteEcrRAsync(owner, _ => 3);
        var open = await StartAsync(owner, "ecr-r");

        var other = new Visitor(app);
        await other.SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Questionnaires/Result/{finished}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Questionnaires/Take/{open}")).StatusCode);
        var token = await other.TokenAsync("/Questionnaires", "/Accounts/SignOut");   // any valid token of this user
        var post = await other.Client.PostAsync($"/Questionnaires/Take/{open}?step=1",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ecr-r.01"] = "1", ["nav"] = "next", ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("0 of 36 answered", await (await owner.GetAsync("/Questionnaires")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondResultComparesWithTheFirstAndSaysCannotJudgeWithoutEnoughBaselines()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await CompleteEcrRAsync(visitor, _ => 6);
        app.Clock.Advance(TimeSpan.FromMinutes(20));   // within the idle limit; the second sitting comes later
        var second = await CompleteEcrRAsync(visitor, _ => 2);
        var html = await (await visitor.GetAsync($"/Questionnaires/Result/{second}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Cannot judge yet", html, StringComparison.Ordinal);
        Assert.Contains("that needs the first answers of at least 30 people, and then it is judged for you", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]+ (baseline|people|so far)", System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(html), "at least 30 people", ""));
    }

    // Six sittings of one questionnaire over three months or more: the person's own trend across them,
    // labelled as such, whatever the norms (too few people here for a verdict). Six in a row are no trend.
    [Fact]
    public async Task SixSittingsOverMonthsShowTheTrendInTheirOwnAnswers()
    {
        var hurried = new Visitor(app);
        await hurried.SignUpAsync();
        for (var sitting = 0; sitting < 6; sitting++)
        {
            var value = 6 - sitting;
            await CompleteEcrRAsync(hurried, _ => value);
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        var tooSoon = System.Net.WebUtility.HtmlDecode(await (await hurried.GetAsync("/Progress")).Content.ReadAsStringAsync(Ct));
        Assert.Contains("not enough time yet: these sittings span 0 days, and a trend needs them spread over at least three months", tooSoon, StringComparison.Ordinal);
        Assert.DoesNotContain(" a month (95% interval", tooSoon, StringComparison.Ordinal);

        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        for (var sitting = 0; sitting < 6; sitting++)
        {
            if (sitting > 0)
            {
                app.Clock.Advance(TimeSpan.FromDays(20));   // signed out by then: sign in again, as a person would
                await visitor.SignInAsync(email);
            }
            var value = 6 - sitting;
            await CompleteEcrRAsync(visitor, _ => value);
            if (sitting < 5)
                Assert.DoesNotContain("The trend in your own answers", await (await visitor.GetAsync("/Progress")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        var progress = System.Net.WebUtility.HtmlDecode(await (await visitor.GetAsync("/Progress")).Content.ReadAsStringAsync(Ct));
        Assert.Contains("The trend in your own answers", progress, StringComparison.Ordinal);
        Assert.Contains("Across all 6 sittings", progress, StringComparison.Ordinal);
        Assert.Matches("Attachment anxiety: falling, the direction of change: −[0-9.]+ a month \\(95% interval −", progress);
        Assert.Contains("Cannot judge yet", progress, StringComparison.Ordinal);
    }

    async Task<int> RowsOfAsync(string id)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SecureBase.Data.AppDbContext>(scope.ServiceProvider);
        var key = Guid.Parse(id);
        return db.Administrations.Count(a => a.Id == key) + db.ItemResponses.Count(r => r.AdministrationId == key) + db.ScoreValues.Count(v => v.AdministrationId == key);
    }

    // Issue 11: an unfinished questionnaire can be discarded and a finished one taken by mistake deleted,
    // each asked first, with its answers and scores; by its owner only.
    [Fact]
    public async Task AnUnfinishedOrMistakenQuestionnaireCanBeDiscardedByItsOwnerOnly()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var mistaken = await CompleteEcrRAsync(visitor, _ => 7);
        var open = await StartAsync(visitor, "ecr-r");
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerPageAsync(visitor, open, 1, "leave", Enumerable.Range(1, 6), _ => 4)).StatusCode);
        Assert.True(await RowsOfAsync(open) > 1 && await RowsOfAsync(mistaken) > 1);

        var other = new Visitor(app);
        await other.SignUpAsync();
        var token = await other.TokenAsync("/Questionnaires", "/Accounts/SignOut");
        foreach (var url in new[] { $"/Questionnaires/Take/{open}?handler=Discard", $"/Questionnaires/Result/{mistaken}?handler=Delete" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync(url, new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]), Ct)).StatusCode);
        Assert.True(await RowsOfAsync(open) > 1 && await RowsOfAsync(mistaken) > 1);

        var take = $"/Questionnaires/Take/{open}";
        Assert.Contains("Discard this questionnaire", await (await visitor.GetAsync(take)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var discarded = await visitor.PostAsync(take, $"{take}?handler=Discard");
        Assert.Equal("/Questionnaires?discarded=true", discarded.Headers.Location?.OriginalString);
        Assert.Equal(0, await RowsOfAsync(open));
        Assert.Contains("Discarded: its answers and scores are gone.", await (await visitor.GetAsync("/Questionnaires?discarded=true")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(take)).StatusCode);

        var result = $"/Questionnaires/Result/{mistaken}";
        Assert.Contains("Delete this result", await (await visitor.GetAsync(result)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync(result, $"{result}?handler=Delete")).StatusCode);
        Assert.Equal(0, await RowsOfAsync(mistaken));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(result)).StatusCode);
    }
}
