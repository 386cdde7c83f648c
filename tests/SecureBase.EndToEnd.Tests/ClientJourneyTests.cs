using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SecureBase.EndToEnd.Tests;

public class ClientJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // URLs are asserted by polling (Playwright's advice) rather than by waiting for a load event that a
    // POST → redirect → GET can complete before the wait begins.
    static readonly PageAssertionsToHaveURLOptions Long = new() { Timeout = 30_000 };

    // Every page of the journey: no serious or critical accessibility violation (axe-core, WCAG 2.2 AA rules).
    static async Task AssertAccessibleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);   // axe on a page whose stylesheet has not applied yet sees every target as tiny
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }

    // On failure, keep what the browser showed: a screenshot beside the test results and the URL in the message.
    static async Task WithEvidenceAsync(IPage page, string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            var shot = Path.Combine(Path.GetTempPath(), $"securebase-{name}-failure.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            throw new InvalidOperationException($"{e.Message} (at {page.Url}; screenshot {shot})", e);
        }
    }

    [Fact]
    public async Task SignUpTakeTheEcrRLogAMomentAndSeeItOnTheProgressPage()
    {
        var (context, page, requests) = await app.NewPhoneAsync();
        await WithEvidenceAsync(page, "journey", () => JourneyAsync(page, requests));
        await context.CloseAsync();
    }

    async Task JourneyAsync(IPage page, List<string> requests)
    {
        var baseAddress = app.BaseAddress;

        await page.GotoAsync($"{baseAddress}/");
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"{baseAddress}/Accounts/SignUp");
        await AssertAccessibleAsync(page);
        await new SignUpPage(page).SignUpConfirmAndSignInAsync(app, $"e2e-{Guid.NewGuid():N}@example.org", "correct horse battery staple");

        // A client lands on the log: the thing they come back for most.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Log$"), Long);
        await page.GetByRole(AriaRole.Link, new() { Name = "Questionnaires", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Questionnaires$"), Long);
        await AssertAccessibleAsync(page);
        var questionnaire = new QuestionnairePage(page);
        await questionnaire.StartAsync("ECR-R");
        for (var step = 1; step <= 6; step++)
        {
            await page.GetByText($"Page {step} of 6").WaitForAsync();
            if (step == 1) await AssertAccessibleAsync(page);
            await questionnaire.AnswerPageAsync(2);
            if (step < 6) await questionnaire.NextAsync();
        }
        await questionnaire.FinishAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Questionnaires/Result/[0-9a-f-]{36}$"), Long);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ECR-R result" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Nearest quadrant, approximate")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Log", Exact = true }).ClickAsync();
        // Wait for the page itself before axe: once (of many runs) the load wait after this click outlasted 60 s.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Log$"), Long);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log a moment" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.GetByText("More detail (optional)").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "securebase-log-375.png"), FullPage = true });
        await page.GetByText("More detail (optional)").ClickAsync();
        // Three taps and Save, all on the first 375 x 812 screen, above the tab bar, without scrolling.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        var save = await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).BoundingBoxAsync();
        var tabs = await page.Locator("nav.main-nav").BoundingBoxAsync();
        Assert.True(save is not null && tabs is not null && save.Y + save.Height <= tabs.Y, $"Save ends at {save?.Y + save?.Height} px, the tab bar starts at {tabs?.Y} px");
        await new LogPage(page).QuickLogAsync("Toward", 7, "Paused and chose a new response");
        await Assertions.Expect(page.GetByText("Saved. Noticing it is the work.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Progress" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Toward, intensity 7: paused and chose a new response")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Weekly figures" })).ToBeVisibleAsync();
        // The first screen answers "is anything changing?" (issue 11), and every chart's text is at least 12 px as shown.
        var question = await page.GetByRole(AriaRole.Heading, new() { Name = "Is anything changing?" }).BoundingBoxAsync();
        Assert.True(question is not null && question.Y + question.Height < 812, $"the question is at {question?.Y} px");
        var smallest = await page.EvaluateAsync<double>(SmallestChartText);
        Assert.True(smallest >= 12, $"chart text is {smallest:0.0} px as displayed at 375 px");
        await AssertAccessibleAsync(page);
        // The system's dark mode keeps AA contrast too (axe checks colour contrast).
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(20, 23, 27)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "securebase-progress-375-dark.png") });
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the progress page scrolls sideways at 375 px ({width} px wide)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "securebase-progress-375.png"), FullPage = true });

        Assert.All(requests, url => Assert.StartsWith(baseAddress, url, StringComparison.Ordinal));
        Assert.NotEmpty(requests);
    }

    // The smallest font size of any chart's text as displayed: its size in the SVG times the SVG's scale on the page.
    const string SmallestChartText = """
        Math.min(...[...document.querySelectorAll('svg.chart')].flatMap(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
        }))
        """;

    [Fact]
    public async Task AfterSignOutTheOldCookieNoLongerWorks()
    {
        var (context, page, _) = await app.NewPhoneAsync();
        await new SignUpPage(page).SignUpConfirmAndSignInAsync(app, $"e2e-{Guid.NewGuid():N}@example.org", "correct horse battery staple");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Log$"), Long);
        var cookies = await context.CookiesAsync();

        // On a phone the rest is behind "More": Escape closes it and gives the focus back to "More".
        var more = page.GetByText("More", new() { Exact = true });
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await more.ClickAsync();
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(signOut).ToBeHiddenAsync();
        await Assertions.Expect(more).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");   // and opens again from the keyboard
        await signOut.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseAddress}/", Long);

        var (stolen, thief, _) = await app.NewPhoneAsync();
        await stolen.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Secure = c.Secure, HttpOnly = c.HttpOnly }));
        await thief.GotoAsync($"{app.BaseAddress}/Log");
        Assert.Contains("/Accounts/SignIn", thief.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(thief);
        await context.CloseAsync();
        await stolen.CloseAsync();
    }
}

public class TimeZoneDetectionTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // Chromium reports some zones by their older names; the sign-up form still preselects the right one.
    [Theory]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    [InlineData("Europe/Kiev", "Europe/Kyiv")]
    [InlineData("America/New_York", "America/New_York")]
    public async Task TheBrowsersZoneIsPreselectedUnderItsCanonicalName(string browserZone, string selected)
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 812 }, TimezoneId = browserZone });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseAddress}/Accounts/SignUp");
        Assert.Equal(selected, await page.GetByLabel("Your time zone").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "securebase-signup-375.png"), FullPage = true });
        await context.CloseAsync();
    }
}
