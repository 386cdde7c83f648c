using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OtpNet;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Practices;

namespace SecureBase.Web.Tests.Practice;

// The app with cheap password hashing (these tests sign many people in) and every log line kept, so
// tests can search the log for canaries.
public class PracticeApp : SecureBaseApp
{
    public List<string> LogLines { get; } = [];

    // The practice tests make many booking requests from one test address; the limit itself has its own test.
    protected override IEnumerable<(string Key, string Value)> Settings => [("RateLimits:BookingPostsPerHour", "100000")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogLines)));
    }

    public T InScope<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public Task<string> UserIdAsync(string email) =>
        InScopeAsync(async s => (await s.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id);

    public int AuditRows() => InScope(s => s.GetRequiredService<AppDbContext>().AuditEntries.Count());

    // Whether the text stands anywhere in the database files, raw (deleted pages and the WAL included).
    public async Task<bool> DatabaseContainsAsync(string text)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(DataDirectory, "securebase.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            if ((await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).Contains(text, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

sealed class CapturingLoggerProvider(List<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(lines);

    public void Dispose()
    {
    }

    sealed class Logger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines) lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}

// A person in the practice tests: a visitor who remembers their email, password and (once enrolled)
// their authenticator secret, and can produce the current code from the app's fake clock.
public sealed partial class Person(PracticeApp app, string email, string password = "correct horse battery staple")
{
    public Visitor Visitor { get; } = new(app);
    public string Email { get; } = email;
    public string Password { get; } = password;
    public byte[]? Secret { get; private set; }

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<code class=\"key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    // The code for the current step; the clock moves on 30 s first, so no code is ever a replay.
    public string NextCode()
    {
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Secret!).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);
    }

    public async Task EnrolAsync()
    {
        var page = await Visitor.Client.GetStringAsync("/Accounts/TwoFactor", Ct);
        Secret = Base32Encoding.ToBytes(KeyPattern().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
        var enabled = await Visitor.PostAsync("/Accounts/TwoFactor", "/Accounts/TwoFactor?handler=Enable", ("Code", NextCode()));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("Your recovery codes", await enabled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    // Password, then (if enrolled) the code.
    public async Task SignInAsync()
    {
        var signedIn = await Visitor.SignInAsync(Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        if (Secret is null) return;
        var passed = await Visitor.PostAsync("/Accounts/SecondFactor", ("Code", NextCode()), ("Recovery", "false"));
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
    }

    // Opens the newest invitation mailed to this person and accepts it (creating the account when there is none).
    public async Task AcceptInvitationAsync(params string[] scopes)
    {
        var link = app.Mail().Last(m => m.To == Email && m.Body.Contains("/Invitations/Accept", StringComparison.Ordinal)).Link("/Invitations/Accept");
        var invitation = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var page = await Visitor.Client.GetStringAsync(link, Ct);
        if (page.Contains("?handler=CreateAccount", StringComparison.Ordinal))
        {
            var created = await Visitor.PostAsync(link, "/Invitations/Accept?handler=CreateAccount",
                ("Token", invitation), ("Input.Password", Password), ("Input.TimeZone", "Europe/Berlin"));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        const string action = "/Invitations/Accept?handler=Accept";
        var token = await Visitor.TokenAsync(link, action);
        var fields = scopes.Select(s => KeyValuePair.Create("Scopes", s))
            .Append(KeyValuePair.Create("Token", invitation)).Append(KeyValuePair.Create("__RequestVerificationToken", token));
        var accepted = await Visitor.Client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}

// Setting practices up the way their people would.
public static class PracticeSteps
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // First run through /Setup with the code from the data folder; the owner then enrols.
    public static async Task<Person> SetUpFirstPracticeAsync(PracticeApp app, string name = "Riverside Therapy", string owner = "owner-a@example.org")
    {
        _ = app.Services;   // the host starts lazily and writes the code as it starts
        var person = new Person(app, owner);
        var code = await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "setup-code"), Ct);
        var response = await person.Visitor.PostAsync("/Setup", ("Input.SetupCode", code.Trim()), ("Input.PracticeName", name),
            ("Input.TimeZone", "Europe/Berlin"), ("Input.Email", owner), ("Input.Password", person.Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await person.EnrolAsync();
        return person;
    }

    // Another practice, as `securebase setup` makes it; its owner signs in and enrols.
    public static async Task<Person> AddPracticeAsync(PracticeApp app, string name, string owner)
    {
        var person = new Person(app, owner);
        var (practice, _, errors) = await app.InScopeAsync(s => PracticeSetup.CreateAsync(s.GetRequiredService<AppDbContext>(),
            s.GetRequiredService<UserManager<AppUser>>(), new NewPractice(name, "Europe/Berlin", owner, person.Password), app.Clock.GetUtcNow(), Ct));
        Assert.True(practice is not null, string.Join(" ", errors));
        await person.SignInAsync();
        await person.EnrolAsync();
        return person;
    }

    public static async Task<Person> InviteTherapistAsync(PracticeApp app, Person owner, string email)
    {
        var sent = await owner.Visitor.PostAsync("/Practice", "/Practice?handler=Invite", ("InviteEmail", email));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var therapist = new Person(app, email);
        await therapist.AcceptInvitationAsync();
        await therapist.EnrolAsync();
        return therapist;
    }

    public static async Task InviteClientAsync(Person therapist, Person client, params string[] scopes)
    {
        var sent = await therapist.Visitor.PostAsync("/Clients", "/Clients?handler=Invite", ("InviteEmail", client.Email));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await client.AcceptInvitationAsync(scopes);
    }
}
