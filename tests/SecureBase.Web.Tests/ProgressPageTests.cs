using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Core.ActivationLog;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Tests;

// Issue 11: the progress page answers "is anything changing?" first, for every marker, over a chosen period,
// and a history of years stays a short page: the weekly table and the timeline come a page at a time.
public partial class ProgressPageTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly string[] Markers =
    [
        "Moments per week", "How intense they were", "Noticed in the moment", "Chose a new response", "Minutes to settle",
        "Gap between expected and actual care", "ECR-R anxiety", "ECR-R avoidance",
    ];

    // `weeks` weeks of three moments each, ending now; intensity(week index from the oldest) sets how intense.
    async Task<Visitor> ClientWithHistoryAsync(int weeks, Func<int, int> intensity)
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        var now = app.Clock.GetUtcNow();
        for (var w = 0; w < weeks; w++)
            for (var k = 0; k < 3; k++)
            {
                var at = now.AddDays(-7 * (weeks - 1 - w) - 2 * k - 1);
                db.ActivationEntries.Add(new ActivationEntry
                {
                    Id = Guid.NewGuid(), UserId = userId, OccurredAt = at, Relationship = Relationship.Partner, Pull = Pull.Toward,
                    Intensity = Math.Clamp(intensity(w), 0, 10), Noticed = k == 0 ? Noticed.InTheMoment : Noticed.OnlyLater,
                    Response = k == 0 ? ResponseChoice.PausedAndChoseNew : ResponseChoice.RanOldPattern, SettledMinutes = 20 + k,
                    CreatedAt = at, UpdatedAt = at,
                });
            }
        await db.SaveChangesAsync(Ct);
        return visitor;
    }

    static async Task<string> PageAsync(Visitor visitor, string path)
    {
        var response = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [GeneratedRegex("""<tr><td class="date">\d{1,2} \w{3} \d{4}</td><td>\d+</td>""")]
    private static partial Regex WeekRow();

    [GeneratedRegex("""<li><time datetime="([^"]+)">""")]
    private static partial Regex TimelineItem();

    [Fact]
    public async Task ThreeYearsReadAsAShortPageThatAnswersTheQuestionFirst()
    {
        var visitor = await ClientWithHistoryAsync(156, _ => 5);
        var html = await PageAsync(visitor, "/Progress");
        var text = WebUtility.HtmlDecode(html);

        Assert.True(html.Length < 100_000, $"the page is {html.Length} characters");
        var question = text.IndexOf("Is anything changing?", StringComparison.Ordinal);
        Assert.True(question > 0 && question < text.IndexOf("<h2>Questionnaires", StringComparison.Ordinal), "the answer comes before the details");
        foreach (var marker in Markers) Assert.Contains($"<span class=\"change-name\">{marker}</span>", text, StringComparison.Ordinal);
        Assert.Contains("Over the last 6 months", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Progress\" aria-current=\"page\">6 months</a>", html, StringComparison.Ordinal);
        Assert.Equal(26, WeekRow().Count(html));   // the period's weeks, not three years of them

        // The timeline: 30 at a time under month-and-year headings, older ones one link away, none twice.
        var first = TimelineItem().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(30, first.Count);
        Assert.Contains("<h3 class=\"timeline-month\">January 2026</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"timeline-month\">December 2025</h3>", html, StringComparison.Ordinal);
        var older = Regex.Match(html, """<a href="([^"]+)#timeline">Older</a>""").Groups[1].Value;
        var next = TimelineItem().Matches(await PageAsync(visitor, WebUtility.HtmlDecode(older))).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(30, next.Count);
        Assert.Empty(first.Intersect(next));
        Assert.True(DateTimeOffset.Parse(next[0], System.Globalization.CultureInfo.InvariantCulture) < DateTimeOffset.Parse(first[^1], System.Globalization.CultureInfo.InvariantCulture));

        // Everything: 157 weeks, 26 a page, newest first.
        var all = await PageAsync(visitor, "/Progress?period=all");
        Assert.Contains("Weekly figures, newest first (page 1 of 7)", all, StringComparison.Ordinal);
        Assert.Contains("Over everything you have logged", WebUtility.HtmlDecode(all), StringComparison.Ordinal);
        var last = await PageAsync(visitor, "/Progress?period=all&weeks=7");
        Assert.Contains("(page 7 of 7)", last, StringComparison.Ordinal);
        Assert.Single(WeekRow().Matches(last));   // 157 − 6 × 26
        Assert.Contains(">Newer weeks</a>", last, StringComparison.Ordinal);
        Assert.DoesNotContain(">Older weeks</a>", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMarkerMovingTheHarderWayIsShownNotHidden()
    {
        var visitor = await ClientWithHistoryAsync(30, w => 2 + w / 4);   // intensity climbing from 2 to 9
        var text = WebUtility.HtmlDecode(await PageAsync(visitor, "/Progress?period=6m"));
        var intensity = Regex.Match(text, """<span class="change-name">How intense they were</span> <strong class="change-headline">([^<]+)</strong></span> <span class="change-detail">([^<]+)""");
        Assert.Equal("higher", intensity.Groups[1].Value);
        Assert.Contains("the harder direction", intensity.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("li class=\"change change-awayfromthegoal\"", text, StringComparison.Ordinal);
        // With no questionnaire and no expectation, those markers say why, in plain words.
        Assert.Contains("Take the ECR-R to set your starting point", text, StringComparison.Ordinal);
        Assert.Contains("A direction needs expectations with their outcome in at least 6 months of this period; there are 0 months.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?period=forever", "There is no period")]
    [InlineData("?weeks=-3", "Week pages start at 1.")]
    [InlineData("?weeks=many", "A week page is a whole number from 1")]
    [InlineData("?weeks=99999999999", "A week page is a whole number from 1")]
    [InlineData("?before=yesterday", "The timeline link was cut short")]
    [InlineData("?period=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "There is no period")]
    [InlineData("?period=%00%01", "There is no period \"??\"")]   // control characters are not echoed
    public async Task ALinkThatCannotBeReadIsNamedAndThePageStillShown(string query, string message)
    {
        var visitor = await ClientWithHistoryAsync(8, _ => 4);
        var html = await PageAsync(visitor, "/Progress" + query);
        Assert.Contains(message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Is anything changing?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageBeyondTheLastShowsTheLast()
    {
        var visitor = await ClientWithHistoryAsync(40, _ => 4);
        var html = await PageAsync(visitor, "/Progress?period=1y&weeks=50");
        Assert.Contains("(page 2 of 2)", html, StringComparison.Ordinal);
    }
}
