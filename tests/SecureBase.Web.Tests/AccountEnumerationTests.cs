using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Tests;

// Identity's own hasher, counting how often it hashes or verifies: a recording wrapper, not a mock.
public sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new(options);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _calls);
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _calls);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class CountingApp : SecureBaseApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher<AppUser>, CountingHasher>());
    }

    public CountingHasher Hasher => (CountingHasher)Services.GetRequiredService<IPasswordHasher<AppUser>>();
}

// Whether an address has an account must not show in any answer: page, status, or the work done.
public class AccountEnumerationTests(CountingApp app) : IClassFixture<CountingApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<string> LockedAccountAsync()
    {
        var email = await new Visitor(app).SignUpAsync();
        for (var i = 0; i < 5; i++) await new Visitor(app).SignInAsync(email, "wrong password entirely");
        return email;
    }

    async Task<string> UnconfirmedAccountAsync()
    {
        var email = $"u-{Guid.NewGuid():N}@example.org";
        await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", email), ("Input.Password", "correct horse battery staple"), ("Input.TimeZone", "Etc/UTC"));
        return email;
    }

    // An account whose address the mailer cannot parse, as one made before the email rule existed.
    async Task<string> MalformedAccountAsync()
    {
        var email = $"m{Guid.NewGuid():N}@b..c";
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, TimeZoneId = "Etc/UTC", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple")).Succeeded);
        return email;
    }

    static async Task<(HttpStatusCode Status, string Page)> Read(HttpResponseMessage response) =>
        (response.StatusCode, System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(Ct), "value=\"[^\"]*\"", "value=\"\""));

    [Fact]
    public async Task SignInAnswersAlikeAndHashesOnceForExistingUnknownLockedAndMalformedAddresses()
    {
        var existing = await new Visitor(app).SignUpAsync();
        var locked = await LockedAccountAsync();
        var malformed = await MalformedAccountAsync();
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { existing, $"nobody-{Guid.NewGuid():N}@example.org", locked, malformed, "a@b..c" })
        {
            var visitor = new Visitor(app);
            var token = await visitor.TokenAsync("/Accounts/SignIn");
            var before = app.Hasher.Calls;
            var response = await visitor.Client.PostAsync("/Accounts/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = "not the right password", ["__RequestVerificationToken"] = token,
            }), Ct);
            Assert.True(app.Hasher.Calls - before == 1, $"{email}: {app.Hasher.Calls - before} password hashes");
            answers.Add(await Read(response));
        }
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.BadRequest, answers[0].Item1);
        Assert.Contains("Email or password is incorrect", answers[0].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPasswordAnswersAlikeForExistingUnknownLockedUnconfirmedAndMalformedAddresses()
    {
        var addresses = new[] { await new Visitor(app).SignUpAsync(), $"nobody-{Guid.NewGuid():N}@example.org", await LockedAccountAsync(), await UnconfirmedAccountAsync() };
        var answers = new List<string>();
        foreach (var email in addresses)
        {
            var response = await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            answers.Add(response.Headers.Location!.ToString());
        }
        Assert.All(answers, a => Assert.Equal("/Accounts/ForgotPassword?Sent=True", a));

        var malformed = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { await MalformedAccountAsync(), "a@b..c" })
            malformed.Add(await Read(await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email))));
        Assert.Equal(malformed[0], malformed[1]);
        Assert.Equal(HttpStatusCode.BadRequest, malformed[0].Item1);
        Assert.Contains("Enter a valid email address", malformed[0].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUpWithATakenAddressAnswersAsForANewOneAndTellsTheOwner()
    {
        var taken = await new Visitor(app).SignUpAsync();
        var fresh = $"f-{Guid.NewGuid():N}@example.org";
        var before = app.Hasher.Calls;
        var takenAnswer = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", taken), ("Input.Password", "someone else's passphrase"), ("Input.TimeZone", "Etc/UTC"));
        var takenHashes = app.Hasher.Calls - before;
        before = app.Hasher.Calls;
        var freshAnswer = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", fresh), ("Input.Password", "someone else's passphrase"), ("Input.TimeZone", "Etc/UTC"));
        var freshHashes = app.Hasher.Calls - before;

        Assert.Equal(HttpStatusCode.Redirect, takenAnswer.StatusCode);
        Assert.Equal(freshAnswer.StatusCode, takenAnswer.StatusCode);
        Assert.Equal(freshAnswer.Headers.Location, takenAnswer.Headers.Location);
        Assert.Equal(freshHashes, takenHashes);
        Assert.False(takenAnswer.Headers.Contains("Set-Cookie") && takenAnswer.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("__Host-", StringComparison.Ordinal)));
        Assert.Single(app.Mail(), m => m.To == taken && m.Subject.StartsWith("Someone tried to create", StringComparison.Ordinal));
        Assert.Single(app.Mail(), m => m.To == fresh && m.Subject == "Confirm your SecureBase account");

        using var scope = app.Services.CreateScope();
        var owner = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == taken, Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync(taken)).StatusCode);   // the owner's password is unchanged
        Assert.Equal("Europe/London", owner.TimeZoneId);
    }

    [Fact]
    public async Task AnUnconfirmedAccountCannotSignInAndTheRightPasswordSendsANewLink()
    {
        var email = await UnconfirmedAccountAsync();
        var wrong = await new Visitor(app).SignInAsync(email, "not the right password");
        Assert.Contains("Email or password is incorrect", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var links = app.Mail().Count(m => m.To == email);
        var right = await new Visitor(app).SignInAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("Confirm your email address first", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(links + 1, app.Mail().Count(m => m.To == email));

        var visitor = new Visitor(app);
        await visitor.ConfirmAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SignInAsync(email)).StatusCode);
    }

    [Fact]
    public void TheStandInHashForUnknownAddressesCostsWhatARealOneCosts()
    {
        var hash = Convert.FromBase64String(app.Services.GetRequiredService<SecureBase.Web.Features.Accounts.DummyPasswordHash>().Hash);
        Assert.Equal((uint)SecureBase.Data.IdentityPolicy.PasswordIterations, (uint)(hash[5] << 24 | hash[6] << 16 | hash[7] << 8 | hash[8]));
    }

    // Delete and change-password check a password too: wrong ones count toward the lockout, and a
    // locked account is refused even the right password, so a live session cannot guess without limit.
    [Theory]
    [InlineData("/MyData/Delete", "Password", null)]
    [InlineData("/Accounts/ChangePassword", "Input.Current", "Input.New")]
    public async Task EveryFormThatChecksAPasswordLocksAfterFiveWrongOnes(string form, string field, string? newField)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        (string, string)[] Fields(string password) => newField is null ? [(field, password)] : [(field, password), (newField, "a brand new passphrase")];
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsync(form, Fields("not my password at all"))).StatusCode);
        var before = await DatabaseSnapshot.TakeAsync(app);
        var right = await visitor.PostAsync(form, Fields("correct horse battery staple"));
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(app));
    }

    [Theory]
    [InlineData("127.0.0.1:99")]
    [InlineData("localhost:99999")]
    public async Task RedirectsToSignInAreRelativeWhateverTheHostHeader(string host)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Progress");
        request.Headers.TryAddWithoutValidation("Host", host);
        var response = await client.SendAsync(request, Ct);
        Assert.Equal("/Accounts/SignIn?ReturnUrl=%2FProgress", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AResetPasswordLiftsTheLockTheOldOneCaused()
    {
        var email = await LockedAccountAsync();
        await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));
        var link = app.Mail().Last(m => m.To == email && m.Subject == "Reset your SecureBase password").Link("/Accounts/ResetPassword");
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).PostAsync(link, link, ("Password", "a brand new passphrase"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync(email, "a brand new passphrase")).StatusCode);
    }

    [Theory]
    [InlineData("?user=nobody&token=abc")]
    [InlineData("")]
    [InlineData("?user=&token=")]
    public async Task ABadConfirmationLinkSaysSo(string query)
    {
        var response = await new Visitor(app).GetAsync("/Accounts/ConfirmEmail" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid or has expired", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public class GuessablePasswordAtSignUpTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    // A guessable password is refused alike for a new and a taken address: the verdict on the password
    // must not tell whether the account exists.
    [Fact]
    public async Task AGuessablePasswordIsRefusedAlikeForNewAndTakenAddresses()
    {
        var taken = await new Visitor(app).SignUpAsync();
        foreach (var email in new[] { taken, $"new-{Guid.NewGuid():N}@example.org" })
        {
            var response = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", email), ("Input.Password", "aaaaaaaaaaaa"), ("Input.TimeZone", "Etc/UTC"));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("different characters", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ANewPasswordMustDifferFromTheCurrentOne()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var response = await visitor.PostAsync("/Accounts/ChangePassword", ("Input.Current", "correct horse battery staple"), ("Input.New", "correct horse battery staple"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("different from the current one", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
