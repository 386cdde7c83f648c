using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static SecureBase.EndToEnd.Tests.PracticeJourneyTests;

namespace SecureBase.EndToEnd.Tests;

// Scheduling in real Chromium at 375 px: the therapist (New York) opens a booking page; a stranger whose
// phone is in London books a weekly time, confirms by the emailed link, is approved, joins, and moves one
// session; the therapist sees it; a second stranger is declined and reads why. axe on every page.
public class SchedulingJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static readonly PageAssertionsToHaveURLOptions Long = new() { Timeout = 30_000 };
    const string Password = "correct horse battery staple";

    [Fact]
    public async Task AStrangerBecomesAStandingWeeklyClientAndMovesOneSession()
    {
        var baseAddress = app.BaseAddress;
        var (therapistContext, therapist, therapistRequests) = await app.NewPhoneAsync();
        var (visitorContext, visitor, visitorRequests) = await app.NewPhoneAsync("Europe/London");
        var (declinedContext, declined, _) = await app.NewPhoneAsync("Asia/Kolkata");
        try
        {
            await therapist.GotoAsync($"{baseAddress}/Setup");
            await therapist.GetByLabel("Setup code").FillAsync((await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "setup-code"), TestContext.Current.CancellationToken)).Trim());
            await therapist.GetByLabel("Practice name").FillAsync("Harbour Therapy");
            await therapist.GetByLabel("Your time zone").SelectOptionAsync("America/New_York");
            await therapist.GetByLabel("Email").FillAsync("dr.lee@example.org");
            await therapist.GetByLabel("Password (at least 12 characters").FillAsync(Password);
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Create the practice" }).ClickAsync();
            await EnrolAsync(therapist, "scheduling-owner");

            // Booking settings: a public page, weekdays 09:00–17:00 New York time.
            await therapist.GotoAsync($"{baseAddress}/Schedule/Settings");
            await therapist.GetByLabel("Offer a public booking page").CheckAsync();
            await therapist.GetByLabel("Your name as visitors see it").FillAsync("Dr Lee");
            foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
                await therapist.GetByLabel(day, new() { Exact = true }).CheckAsync();
            await AccessibleAsync(therapist, "booking-settings");
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("Saved.")).ToBeVisibleAsync();
            var bookingPath = await therapist.Locator("a[href^='/book/']").GetAttributeAsync("href");

            // The stranger's phone is in London: our script shows the times there.
            await visitor.GotoAsync(baseAddress + bookingPath);
            await Assertions.Expect(visitor).ToHaveURLAsync(new Regex("zone=Europe%2FLondon"), Long);
            await Assertions.Expect(visitor.GetByText("All times are in Europe/London.")).ToBeVisibleAsync();
            await AccessibleAsync(visitor, "book");
            await visitor.Locator("ul.slots a").Nth(2).ClickAsync();
            await visitor.GetByLabel("Your name").FillAsync("Robin");
            await visitor.GetByLabel("Your email address").FillAsync("robin@example.org");
            await visitor.GetByLabel("I hope for this time every week").CheckAsync();
            await AccessibleAsync(visitor, "book-form");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await Assertions.Expect(visitor.GetByText("Check your email")).ToBeVisibleAsync();
            await visitor.GotoAsync(baseAddress + app.MailLink("robin@example.org", "/book/confirm"));
            await AccessibleAsync(visitor, "book-confirm");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Confirm my request" }).ClickAsync();
            await Assertions.Expect(visitor.GetByText("Confirmed. The time is held for you")).ToBeVisibleAsync();

            // The therapist approves it as a standing weekly time.
            await therapist.GotoAsync($"{baseAddress}/Schedule/Requests");
            await Assertions.Expect(therapist.GetByText("hopes for a weekly time")).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "requests");
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Approve as weekly, from this date" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("Approved as a standing weekly session.")).ToBeVisibleAsync();

            // Robin joins through the invitation the approval sent, and sees the coming sessions.
            await visitor.GotoAsync(baseAddress + app.MailLink("robin@example.org", "/Invitations/Accept"));
            await visitor.GetByLabel("Password (at least 12 characters").FillAsync(Password);
            await visitor.GetByLabel("Your time zone").SelectOptionAsync("Europe/London");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();
            await visitor.GotoAsync($"{baseAddress}/Sessions");
            Assert.True(await visitor.GetByText("your weekly session").CountAsync() >= 4);
            await AccessibleAsync(visitor, "sessions");

            // Robin moves the second session only.
            await visitor.GetByRole(AriaRole.Link, new() { Name = "Move this session" }).Nth(1).ClickAsync();
            await AccessibleAsync(visitor, "move");
            await visitor.Locator("input[name=to]").Nth(3).CheckAsync();
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Move it" }).ClickAsync();
            await Assertions.Expect(visitor.GetByText("Moved. Your therapist sees the new time.")).ToBeVisibleAsync();
            await Assertions.Expect(visitor.GetByText("your weekly session, moved")).ToHaveCountAsync(1);

            // The schedule shows a week at a time: the moved session is this week or a later one.
            await therapist.GotoAsync($"{baseAddress}/Schedule");
            for (var week = 0; week < 4 && await therapist.GetByText(new Regex("weekly, week 2, moved")).CountAsync() == 0; week++)
                await therapist.GetByRole(AriaRole.Link, new() { Name = "Week after →" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText(new Regex("weekly, week 2, moved"))).ToBeVisibleAsync();
            await AccessibleAsync(therapist, "schedule");

            // A second stranger is declined, and the email says why.
            await declined.GotoAsync(baseAddress + bookingPath);
            await Assertions.Expect(declined).ToHaveURLAsync(new Regex("zone=Asia%2FKolkata"), Long);
            await declined.Locator("ul.slots a").First.ClickAsync();
            await declined.GetByLabel("Your name").FillAsync("Kiran");
            await declined.GetByLabel("Your email address").FillAsync("kiran@example.org");
            await declined.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await declined.GotoAsync(baseAddress + app.MailLink("kiran@example.org", "/book/confirm"));
            await declined.GetByRole(AriaRole.Button, new() { Name = "Confirm my request" }).ClickAsync();
            await therapist.GotoAsync($"{baseAddress}/Schedule/Requests");
            await therapist.GetByText("Decline the request of Kiran").ClickAsync();
            await therapist.GetByLabel("A message to them (optional)").FillAsync("My practice is full until March.");
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Decline and tell them" }).ClickAsync();
            await Assertions.Expect(therapist.GetByText("Declined. They have been told.")).ToBeVisibleAsync();
            Assert.Contains("My practice is full until March.", app.MailBody("kiran@example.org", "About your request"), StringComparison.Ordinal);

            foreach (var url in therapistRequests.Concat(visitorRequests))
                Assert.StartsWith(baseAddress, url, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            foreach (var (name, page) in new[] { ("therapist", therapist), ("visitor", visitor), ("declined", declined) })
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"securebase-scheduling-{name}-failure.png"), FullPage = true });
            throw new InvalidOperationException($"{e.Message} (therapist at {therapist.Url}, visitor at {visitor.Url}; screenshots in /tmp)", e);
        }
        finally
        {
            await therapistContext.CloseAsync();
            await visitorContext.CloseAsync();
            await declinedContext.CloseAsync();
        }
    }
}
