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

    [Fact]
    public async Task AMomentLoggedOfflineIsKeptOnThePhoneAndArrivesOnce()
    {
        var (context, page, requests) = await app.NewPhoneAsync();
        var email = $"offline-{Guid.NewGuid():N}@example.org";
        await new SignUpPage(page).SignUpConfirmAndSignInAsync(app, email, "correct horse battery staple");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Log$"), Long);

        // Installable: the manifest and its icons come from our own origin.
        var manifest = await page.EvaluateAsync<string>("fetch('/manifest.webmanifest').then(r => r.text())");
        Assert.Contains("\"start_url\": \"/Log\"", manifest, StringComparison.Ordinal);

        // The service worker takes over and keeps its copy of the log page.
        await page.EvaluateAsync("navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("navigator.serviceWorker.controller !== null && caches.match('/Log?handler=Shell').then(r => !!r)",
            null, new() { Timeout = 30_000, PollingInterval = 250 });

        await context.SetOfflineAsync(true);
        await page.GotoAsync($"{app.BaseAddress}/Log");
        await Assertions.Expect(page.GetByText("No connection: a moment saved here is kept on this phone")).ToBeVisibleAsync(Visible);
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
        Assert.All(requests, url => Assert.StartsWith(app.BaseAddress, url, StringComparison.Ordinal));
        await context.CloseAsync();
    }
}
