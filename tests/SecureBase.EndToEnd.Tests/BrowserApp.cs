using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace SecureBase.EndToEnd.Tests;

// The app on a real socket (Kestrel, free port) with its own temp data, and Debian's Chromium
// driven by Playwright. Playwright's own browser download is not used (and fails here).
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-e2e-").FullName;
    private IPlaywright? _playwright;

    public BrowserApp() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("SecureBase:DataDirectory", Path.Combine(_folder, "data"));
        builder.UseSetting("SecureBase:KeyDirectory", Path.Combine(_folder, "keys"));
    }

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public string DataDirectory => Path.Combine(_folder, "data");

    // The path and query of the newest link to `path` mailed to an address.
    public string MailLink(string email, string path)
    {
        var body = Directory.GetFiles(Path.Combine(_folder, "data", "mail"), "*.eml").Order(StringComparer.Ordinal)
            .Select(f => { using var m = MimeKit.MimeMessage.Load(f); return (To: m.To.Mailboxes.First().Address, Body: m.TextBody ?? ""); })
            .Last(m => m.To == email && m.Body.Contains(path, StringComparison.Ordinal)).Body;
        return System.Text.RegularExpressions.Regex.Match(body, @"https?://[^/\s]+(" + System.Text.RegularExpressions.Regex.Escape(path) + @"\S*)").Groups[1].Value;
    }

    // The body of the newest mail to an address with this subject.
    public string MailBody(string email, string subject) =>
        Directory.GetFiles(Path.Combine(_folder, "data", "mail"), "*.eml").Order(StringComparer.Ordinal)
            .Select(f => { using var m = MimeKit.MimeMessage.Load(f); return (To: m.To.Mailboxes.First().Address, m.Subject, Body: m.TextBody ?? ""); })
            .Last(m => m.To == email && m.Subject == subject).Body;

    // The path of the newest confirmation link mailed to an address (.eml files in the data folder).
    public string ConfirmationLink(string email)
    {
        var body = Directory.GetFiles(Path.Combine(_folder, "data", "mail"), "*.eml").Order(StringComparer.Ordinal)
            .Select(f => { using var m = MimeKit.MimeMessage.Load(f); return (To: m.To.Mailboxes.First().Address, m.Subject, Body: m.TextBody ?? ""); })
            .Last(m => m.To == email && m.Subject == "Confirm your SecureBase account").Body;
        return System.Text.RegularExpressions.Regex.Match(body, @"https?://[^/\s]+(/Accounts/ConfirmEmail\S+)").Groups[1].Value;
    }

    // A phone-sized page that records every request it makes.
    public async Task<(IBrowserContext Context, IPage Page, List<string> Requests)> NewPhoneAsync(string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true, TimezoneId = timeZone });
        var page = await context.NewPageAsync();
        // A cold first run on two busy cores (JIT, Chromium start-up) can take longer than Playwright's defaults.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        return (context, page, requests);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
