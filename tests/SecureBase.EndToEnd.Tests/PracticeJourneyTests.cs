using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OtpNet;

namespace SecureBase.EndToEnd.Tests;

// The practice from first run to a revoked consent, in real Chromium at 375 px, three people in three
// browsers: the owner sets the practice up and invites a therapist; the therapist enrols an
// authenticator and invites a client; the client shares scores and weekly summaries, then one note;
// the therapist sees exactly that; the client revokes; the therapist's next page is refused; the client
// reads who looked. axe-core finds no serious or critical violation on any page visited.
public class PracticeJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static readonly PageAssertionsToHaveURLOptions Long = new() { Timeout = 30_000 };
    const string Password = "correct horse battery staple";

    internal static async Task AccessibleAsync(IPage page, string? screenshot = null)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);   // axe on a page whose stylesheet has not applied yet sees every target as tiny
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{page.Url} scrolls sideways at 375 px ({width} px wide)");
        if (screenshot is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"securebase-{screenshot}-375.png"), FullPage = true });
    }

    // The same page at 1280 px (a therapist's desk): axe, and a screenshot to look at; then back to 375 px.
    internal static async Task WideAsync(IPage page, string screenshot)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url} at 1280 px: {v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"securebase-{screenshot}-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(375, 812);
    }

    // Enrols the authenticator shown on the page, keeps the recovery codes, continues.
    internal static async Task EnrolAsync(IPage page, string name)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Accounts/TwoFactor"), Long);
        await AccessibleAsync(page, $"{name}-enrol");
        var key = (await page.Locator("code.key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("6-digit code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        Assert.Equal(10, await page.Locator("ul.codes li").CountAsync());
        await AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept them: continue" }).ClickAsync();
    }

    [Fact]
    public async Task FromFirstRunToARevokedConsent()
    {
        var baseAddress = app.BaseAddress;
        var (ownerContext, owner, ownerRequests) = await app.NewPhoneAsync();
        var (therapistContext, therapist, therapistRequests) = await app.NewPhoneAsync();
        var (clientContext, client, clientRequests) = await app.NewPhoneAsync();
        try
        {
            // First run: the setup code from the data folder, the practice, the owner, their authenticator.
            await owner.GotoAsync($"{baseAddress}/Setup");
            await AccessibleAsync(owner, "setup");
            await owner.GetByLabel("Setup code").FillAsync((await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "setup-code"), TestContext.Current.CancellationToken)).Trim());
            await owner.GetByLabel("Practice name").FillAsync("Riverside Therapy");
            await owner.GetByLabel("Your time zone").SelectOptionAsync("America/New_York");
            await owner.GetByLabel("Email").FillAsync("owner@example.org");
            await owner.GetByLabel("Password (at least 12 characters").FillAsync(Password);
            await owner.GetByRole(AriaRole.Button, new() { Name = "Create the practice" }).ClickAsync();
            await EnrolAsync(owner, "owner");
            await Assertions.Expect(owner).ToHaveURLAsync(new Regex("/Practice$"), Long);
            await owner.GetByLabel("Their email address").FillAsync("therapist@example.org");
            await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Assertions.Expect(owner.GetByText("Invitation sent.")).ToBeVisibleAsync();
            await AccessibleAsync(owner, "practice");
            Assert.False(File.Exists(Path.Combine(app.DataDirectory, "setup-code")));

            // The therapist follows the link, creates the account, enrols, invites the client.
            await therapist.GotoAsync(baseAddress + app.MailLink("therapist@example.org", "/Invitations/Accept"));
            await AccessibleAsync(therapist, "invitation");
            await therapist.GetByLabel("Password (at least 12 characters").FillAsync(Password);
            await therapist.GetByLabel("Your time zone").SelectOptionAsync("America/New_York");
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Join Riverside Therapy" }).ClickAsync();
            await EnrolAsync(therapist, "therapist");
            await Assertions.Expect(therapist).ToHaveURLAsync(new Regex("/Clients$"), Long);
            await therapist.GetByLabel("Their email address").FillAsync("client@example.org");
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("Invitation sent.")).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "clients");

            // The client joins and shares scores and weekly summaries only; nothing was ticked for them.
            await client.GotoAsync(baseAddress + app.MailLink("client@example.org", "/Invitations/Accept"));
            await client.GetByLabel("Password (at least 12 characters").FillAsync(Password);
            await client.GetByLabel("Your time zone").SelectOptionAsync("Australia/Sydney");
            await client.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(client.GetByRole(AriaRole.Group, new() { Name = "What may therapist@example.org see?" })).ToBeVisibleAsync();
            Assert.Equal(0, await client.Locator("input[name=Scopes]:checked").CountAsync());
            await AccessibleAsync(client, "consent");
            await client.GetByLabel("Questionnaire scores and what they mean").CheckAsync();
            await client.GetByLabel("Weekly summaries of your log").CheckAsync();
            await client.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();
            await Assertions.Expect(client.GetByText("You are now working together.")).ToBeVisibleAsync();
            await AccessibleAsync(client, "sharing");

            // Two moments, each with a note.
            foreach (var note in new[] { "The first note, to share", "The second note, private" })
            {
                await client.GotoAsync($"{baseAddress}/Log");
                await new LogPage(client).QuickLogAsync("Toward", 6, "Paused and chose a new response");
                await Assertions.Expect(client.GetByText("Saved. Noticing it is the work.")).ToBeVisibleAsync();
                await client.GotoAsync(baseAddress + await client.Locator("a[href^='/Log/Edit/']").First.GetAttributeAsync("href"));
                await client.GetByLabel("Note (private, encrypted)").FillAsync(note);   // the edit page opens with its details shown
                await client.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
                await Assertions.Expect(client).ToHaveURLAsync(new Regex("/Log\\?saved=true$"), Long);
            }
            var edits = await client.Locator("a[href^='/Log/Edit/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            var (secondEntry, firstEntry) = (edits[0].Split('/')[^1], edits[1].Split('/')[^1]);

            // The therapist sees scores, and nothing of the moments or notes.
            await therapist.GotoAsync($"{baseAddress}/Clients");
            await AccessibleAsync(therapist, "caseload");
            await WideAsync(therapist, "caseload");
            await therapist.GetByRole(AriaRole.Link, new() { Name = "client@example.org" }).First.ClickAsync();
            await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Before the session", Level = 2 })).ToBeVisibleAsync();
            await Assertions.Expect(therapist.GetByText("Not shared: expectations and corrective experiences.")).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "digest");
            await WideAsync(therapist, "digest");
            await therapist.GetByLabel("Kind").SelectOptionAsync("Rupture");
            await therapist.GetByLabel("Note (optional)").FillAsync("Arrived late; we named it.");
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Add event note" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("Arrived late; we named it.").First).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "digest-noted");
            await therapist.GetByRole(AriaRole.Link, new() { Name = "Scores", Exact = true }).ClickAsync();
            await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Questionnaire scores" })).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "client-scores");
            await therapist.GetByRole(AriaRole.Link, new() { Name = "Moments (not shared)" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("has not shared moments with you")).ToBeVisibleAsync();
            await AccessibleAsync(therapist);
            Assert.Equal(0, await therapist.GetByText("The first note").CountAsync());

            // The therapist asks for the usual questionnaires; the client sees what is due, one tap away.
            await therapist.GetByRole(AriaRole.Link, new() { Name = "Measures due" }).ClickAsync();
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Use these" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("Due since")).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "client-measures");
            await client.GotoAsync($"{baseAddress}/Questionnaires");
            await Assertions.Expect(client.GetByRole(AriaRole.Button, new() { Name = "Take the ECR-R" })).ToBeVisibleAsync();
            await AccessibleAsync(client, "questionnaires-due");

            // The client shares the first note only.
            await client.GotoAsync($"{baseAddress}/Log/Edit/{firstEntry}");
            await client.GetByLabel("Share this note with my therapist, therapist@example.org").CheckAsync();
            await AccessibleAsync(client, "share-note");
            await client.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(client).ToHaveURLAsync(new Regex("/Log\\?saved=true$"), Long);

            await therapist.ReloadAsync();
            await therapist.GetByText("1 note shared with you").ClickAsync();
            await therapist.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Note from") }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("The first note, to share")).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "shared-note");
            var clientPath = Regex.Match(therapist.Url, "/Clients/[^/]+").Value;
            var other = await therapist.GotoAsync($"{baseAddress}{clientPath}/Notes/{secondEntry}");
            Assert.Equal(403, other!.Status);
            Assert.Equal(0, await therapist.GetByText("The second note").CountAsync());

            // The client revokes everything; the therapist's next page load is refused.
            await client.GotoAsync($"{baseAddress}/Sharing");
            await client.GetByLabel("Questionnaire scores and what they mean").UncheckAsync();
            await client.GetByLabel("Weekly summaries of your log").UncheckAsync();
            await client.GetByRole(AriaRole.Button, new() { Name = "Save what I share" }).ClickAsync();
            await Assertions.Expect(client.GetByText("Saved. It counts from your therapist's very next page.")).ToBeVisibleAsync();
            var refused = await therapist.GotoAsync($"{baseAddress}{clientPath}/Scores");
            Assert.Equal(403, refused!.Status);
            await Assertions.Expect(therapist.GetByText("has not shared scores with you")).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "not-shared");

            // Who looked: the therapist's views and the refusals, in the client's own time zone.
            await client.GetByRole(AriaRole.Link, new() { Name = "Who looked at my data" }).ClickAsync();
            await Assertions.Expect(client.GetByText("therapist@example.org (therapist) saw one of your notes")).ToBeVisibleAsync();
            await Assertions.Expect(client.GetByText("therapist@example.org (therapist) tried to open, and was refused, your questionnaire scores").First).ToBeVisibleAsync();
            await AccessibleAsync(client, "access-log");

            // The owner's practice log holds the same, with the chain whole.
            await owner.GotoAsync($"{baseAddress}/Practice/Audit");
            await Assertions.Expect(owner.GetByText("The chain of hashes is whole")).ToBeVisibleAsync();
            await AccessibleAsync(owner, "audit");

            foreach (var url in ownerRequests.Concat(therapistRequests).Concat(clientRequests))
                Assert.StartsWith(baseAddress, url, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            foreach (var (name, page) in new[] { ("owner", owner), ("therapist", therapist), ("client", client) })
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"securebase-practice-{name}-failure.png"), FullPage = true });
            throw new InvalidOperationException($"{e.Message} (owner at {owner.Url}, therapist at {therapist.Url}, client at {client.Url}; screenshots in /tmp)", e);
        }
        finally
        {
            await ownerContext.CloseAsync();
            await therapistContext.CloseAsync();
            await clientContext.CloseAsync();
        }
    }
}
