using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SecureBase.Web.Tests;

public sealed record SentMail(string To, string Subject, string Body)
{
    // As a mail client reads it: the first recipient, the subject, the text part decoded.
    public static SentMail From(MimeKit.MimeMessage message) => new(message.To.Mailboxes.First().Address, message.Subject ?? "", message.TextBody ?? "");

    // The first link in the body to a path on this app, as a path and query ("/Accounts/…?user=…").
    public string Link(string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(Body, "https?://[^/\\s]+(" + System.Text.RegularExpressions.Regex.Escape(path) + "[^\\s]*)");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No link to {path} in: {Body}");
    }
}

// The app in-process on a migrated temp SQLite file of its own; a test class takes it as IClassFixture.
public class SecureBaseApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-web-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public SecureBaseApp() => ClientOptions.BaseAddress = new Uri("https://localhost");   // __Host- cookies are Secure

    public virtual string DataDirectory => Path.Combine(_folder, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "securebase.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("SecureBase:DataDirectory", DataDirectory);
        builder.UseSetting("SecureBase:KeyDirectory", Path.Combine(_folder, "keys"));
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "100000");   // tests sign many people in from one address
        builder.UseSetting("Reminders:EverySeconds", "86400");   // reminder tests run the pass themselves; others get no reminder mail mid-test
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    // Every email the app has sent so far: .eml files in the data folder (no SMTP server configured).
    public virtual IReadOnlyList<SentMail> Mail()
    {
        var folder = Path.Combine(DataDirectory, "mail");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(file =>
        {
            using var message = MimeKit.MimeMessage.Load(file);
            return SentMail.From(message);
        }).ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();   // release the file before deleting it
        Directory.Delete(_folder, recursive: true);
    }
}
