using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecureBase.Data;

namespace SecureBase.EndToEnd.Tests;

// Issue 11, ADR 0023: the log opens without a connection (from the service worker's copy), a moment saved there is
// kept on the phone and the page says so, and it arrives exactly once when the connection returns.
public class OfflineLogTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static readonly PageAssertionsToHaveURLOptions Long = new() { Timeout = 30_000 };
    static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    async Task<int> MomentsOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.ActivationEntries.CountAsync(e => e.UserId == userId && e.ClientId != null);
    }

    // A new client on this phone, signed in and on the log; their email.
    async Task<string> SignUpAsync(IPage page)
    {
        var email = $"offline-{Guid.NewGuid():N}@example.org";
        await new SignUpPage(page).SignUpConfirmAndSignInAsync(app, email, "correct horse battery staple");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Log$"), Long);
        return email;
    }

    // The service worker takes over and keeps its copy of the log page.
    static async Task TheLogIsKeptAsync(IPage page)
    {
        await page.EvaluateAsync("navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("navigator.serviceWorker.controller !== null && caches.match('/Log?handler=Shell').then(r => !!r)",
            null, new() { Timeout = 30_000, PollingInterval = 250 });
    }

    async Task OpenTheLogOfflineAsync(IBrowserContext context, IPage page)
    {
        await context.SetOfflineAsync(true);
        await page.GotoAsync($"{app.BaseAddress}/Log");
        await Assertions.Expect(page.GetByText("No connection: a moment saved here is kept on this phone")).ToBeVisibleAsync(Visible);
    }

    [Fact]
    public async Task AMomentLoggedOfflineIsKeptOnThePhoneAndArrivesOnce()
    {
        var (context, page, requests) = await app.NewPhoneAsync();
        var email = await SignUpAsync(page);

        // Installable: the manifest and its icons come from our own origin.
        var manifest = await page.EvaluateAsync<string>("fetch('/manifest.webmanifest').then(r => r.text())");
        Assert.Contains("\"start_url\": \"/Log\"", manifest, StringComparison.Ordinal);

        await TheLogIsKeptAsync(page);

        await OpenTheLogOfflineAsync(context, page);
        await new LogPage(page).QuickLogAsync("Toward", 6, "Paused and chose a new response");
        await Assertions.Expect(page.GetByText("One moment saved on this phone is waiting for a connection")).ToBeVisibleAsync(Visible);
        Assert.Equal(0, await MomentsOfAsync(email));

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByText("Sent: one moment saved on this phone while offline.")).ToBeVisibleAsync(Visible);
        Assert.Equal(1, await MomentsOfAsync(email));

        // Opened again online, nothing is sent twice, and it is in the list.
        await page.GotoAsync($"{app.BaseAddress}/Log");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recent moments" })).ToBeVisibleAsync(Visible);
        Assert.Equal(0, await page.EvaluateAsync<int>("JSON.parse(localStorage.getItem('securebase-waiting-moments') || '[]').length"));
        Assert.Equal(1, await MomentsOfAsync(email));

        // The phone believes it is online but the server cannot be reached (a weak signal): the moment is kept, not
        // lost on the browser's error page, and sent once the server answers again.
        await page.RouteAsync("**/Log", route => route.Request.Method == "POST" ? route.AbortAsync() : route.ContinueAsync());
        await new LogPage(page).QuickLogAsync("Away", 4, "Ran the old pattern");
        await Assertions.Expect(page.GetByText("One moment saved on this phone is waiting for a connection")).ToBeVisibleAsync(Visible);
        Assert.Equal(1, await MomentsOfAsync(email));
        await page.UnrouteAllAsync();
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.GetByText("Sent: one moment saved on this phone while offline.")).ToBeVisibleAsync(Visible);
        Assert.Equal(2, await MomentsOfAsync(email));
        Assert.All(requests, url => Assert.StartsWith(app.BaseAddress, url, StringComparison.Ordinal));
        await context.CloseAsync();
    }

    // A fresh tester's findings: on a shared browser a moment logged on the kept page of the person signed in before
    // went into their account; a refused moment blocked the rest for ever; notes waited on the phone in plain text;
    // signing out without a connection left for the browser's error page.
    [Fact]
    public async Task OnASharedPhoneTheKeptPageFollowsWhoIsSignedInAndARefusedMomentIsShownNotRetried()
    {
        var (context, page, requests) = await app.NewPhoneAsync();
        var first = await SignUpAsync(page);
        await TheLogIsKeptAsync(page);

        // The first person's session runs out without signing out; someone else signs in on the same browser.
        await context.ClearCookiesAsync();
        var second = await SignUpAsync(page);
        await page.WaitForFunctionAsync("caches.match('/Log?handler=Shell').then(r => r ? r.text() : '').then(t => t.includes('data-person=\"' + document.body.dataset.person + '\"'))",
            null, new() { Timeout = 30_000, PollingInterval = 250 });

        await OpenTheLogOfflineAsync(context, page);
        await new LogPage(page).QuickLogAsync("Toward", 6, "Paused and chose a new response");
        await Assertions.Expect(page.GetByText("One moment saved on this phone is waiting for a connection")).ToBeVisibleAsync(Visible);

        // A kept page that is not the signed-in person's refuses to keep anything.
        var person = await page.EvaluateAsync<string>("document.body.dataset.person");
        await page.EvaluateAsync("localStorage.setItem('securebase-last-person', 'someone-else')");
        await new LogPage(page).QuickLogAsync("Away", 3, "Paused and chose a new response");
        await Assertions.Expect(page.GetByText("This offline page was kept for someone who used this phone before you")).ToBeVisibleAsync(Visible);
        await page.EvaluateAsync($"localStorage.setItem('securebase-last-person', '{person}')");

        // A note is not kept on the phone.
        await page.GetByText("More detail (optional)").ClickAsync();
        await page.GetByLabel("Note (private, encrypted)").FillAsync("words for nobody else");
        await new LogPage(page).QuickLogAsync("Away", 3, "Paused and chose a new response");
        await Assertions.Expect(page.GetByText("a note or a name is not kept on this phone")).ToBeVisibleAsync(Visible);
        Assert.DoesNotContain("words for nobody else", await page.EvaluateAsync<string>("localStorage.getItem('securebase-waiting-moments')"), StringComparison.Ordinal);

        // A moment the server will refuse: a time that has not happened yet.
        await page.GetByLabel("Note (private, encrypted)").FillAsync("");
        await page.GetByLabel("When", new() { Exact = true }).FillAsync("2099-01-01T10:00");
        await new LogPage(page).QuickLogAsync("Away", 3, "Paused and chose a new response");
        await Assertions.Expect(page.GetByText("2 moments saved on this phone are waiting for a connection")).ToBeVisibleAsync(Visible);

        // Signing out needs a connection, and says so.
        await page.GetByText("More", new() { Exact = true }).ClickAsync();
        await page.Locator(".more-menu").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Signing out needs a connection")).ToBeVisibleAsync(Visible);

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByText("could not be sent: That time has not happened yet.")).ToBeVisibleAsync(Visible);
        Assert.Equal(0, await MomentsOfAsync(first));
        Assert.Equal(1, await MomentsOfAsync(second));
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard it" }).ClickAsync();
        await Assertions.Expect(page.GetByText("could not be sent")).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("JSON.parse(localStorage.getItem('securebase-waiting-moments') || '[]').length"));
        Assert.Equal(1, await MomentsOfAsync(second));
        Assert.All(requests, url => Assert.StartsWith(app.BaseAddress, url, StringComparison.Ordinal));
        await context.CloseAsync();
    }
}
