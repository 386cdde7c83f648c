using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SecureBase.EndToEnd.Tests;

// Page objects: the tests speak in the user's terms, the selectors live here (by role and label).
public sealed class SignUpPage(IPage page)
{
    public async Task SignUpAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password (at least 12 characters").FillAsync(password);
        await page.GetByLabel("Your time zone").SelectOptionAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Check your email.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "securebase-check-email-375.png"), FullPage = true });
    }

    // Sign up, open the link from the confirmation email, sign in: the whole first visit.
    public async Task SignUpConfirmAndSignInAsync(BrowserApp app, string email, string password)
    {
        await page.GotoAsync($"{app.BaseAddress}/Accounts/SignUp");
        await SignUpAsync(email, password);
        await page.GotoAsync(app.BaseAddress + app.ConfirmationLink(email));
        await Assertions.Expect(page.GetByText("Your email address is confirmed.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

public sealed class QuestionnairePage(IPage page)
{
    public Task StartAsync(string shortTitle) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Start the {shortTitle}", Exact = true }).ClickAsync();

    // Answers every statement on the current page with the same point of the scale.
    public async Task AnswerPageAsync(int point)
    {
        // Only the statements: the tab bar's "More" and the "Discard" box are groups too.
        var groups = page.Locator("main").GetByRole(AriaRole.Group).Filter(new() { Has = page.GetByRole(AriaRole.Radio) });
        for (var i = 0; i < await groups.CountAsync(); i++)
            await groups.Nth(i).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{point}\\b") }).CheckAsync();
    }

    public Task NextAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

    public Task FinishAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Finish and see my result" }).ClickAsync();
}

public sealed class LogPage(IPage page)
{
    public async Task QuickLogAsync(string pull, int intensity, string response)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = pull }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "How intense" }).GetByRole(AriaRole.Radio, new() { Name = intensity.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = response }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
    }
}
