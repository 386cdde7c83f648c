using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

public class AccountTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static bool IsSignInRedirect(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Accounts/SignIn", StringComparison.Ordinal);

    [Fact]
    public async Task SignUpThenConfirmationThenSignInAndPagesNeedASignedInUser()
    {
        var anonymous = new Visitor(app);
        Assert.True(IsSignInRedirect(await anonymous.GetAsync("/Log")));

        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/Log")).StatusCode);
    }

    [Fact]
    public async Task TheSessionCookieIsHostPrefixedSecureHttpOnlyAndSameSite()
    {
        var email = await new Visitor(app).SignUpAsync();
        var response = await new Visitor(app).SignInAsync(email);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-securebase=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOutEndsTheSessionOnTheServerSoACopiedCookieStopsWorking()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var copied = await CopyCookiesAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await Replay(copied, "/Log")).StatusCode);

        await visitor.PostAsync("/Log", "/Accounts/SignOut");
        Assert.True(IsSignInRedirect(await Replay(copied, "/Log")));
    }

    [Fact]
    public async Task ChangingThePasswordEndsEveryOtherSession()
    {
        var phone = new Visitor(app);
        var email = await phone.SignUpAsync();
        var laptop = new Visitor(app);
        await laptop.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/Log")).StatusCode);

        var response = await phone.PostAsync("/Accounts/ChangePassword", ("Input.Current", "correct horse battery staple"), ("Input.New", "a whole new passphrase here"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(IsSignInRedirect(await laptop.GetAsync("/Log")));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/Log")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync(email, "a whole new passphrase here")).StatusCode);
    }

    [Fact]
    public async Task AnIdleSessionEndsAfterThirtyMinutes()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(IsSignInRedirect(await visitor.GetAsync("/Log")));
    }

    [Fact]
    public async Task AnActiveSessionStillEndsAfterTwelveHours()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        for (var i = 0; i < 12 * 4 - 1; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(14));
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/Log")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True(IsSignInRedirect(await visitor.GetAsync("/Log")));
    }

    [Theory]
    [InlineData("short pass", "at least 12")]
    [InlineData("", "Choose a password")]
    [InlineData("aaaaaaaaaaaa", "different characters")]
    [InlineData("123456789012", "run of keys")]
    public async Task WeakPasswordsAreRefusedWithAReason(string password, string message)
    {
        var response = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", $"w-{Guid.NewGuid():N}@example.org"), ("Input.Password", password), ("Input.TimeZone", "Europe/London"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsRefused()
    {
        var response = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", $"t-{Guid.NewGuid():N}@example.org"), ("Input.Password", "correct horse battery staple"), ("Input.TimeZone", "Mars/Olympus"));
        Assert.Contains("Choose your time zone from the list", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordsAreHashedWithPbkdf2Sha512AtTwoHundredTenThousandIterations()
    {
        var email = await new Visitor(app).SignUpAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync(u => u.Email == email, Ct)).PasswordHash!);
        static uint BigEndian(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
        Assert.Equal(0x01, hash[0]);                                          // Identity v3 format
        Assert.Equal((uint)2, BigEndian(hash, 1));                            // KeyDerivationPrf.HMACSHA512
        Assert.Equal((uint)210_000, BigEndian(hash, 5));
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var email = await new Visitor(app).SignUpAsync();
        for (var i = 0; i < 5; i++) await new Visitor(app).SignInAsync(email, "wrong password entirely");
        var response = await new Visitor(app).SignInAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);   // the form again, not a redirect into the app
        Assert.Contains("incorrect", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SecureBase.Data.Model.AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Fact]
    public async Task AnUnknownEmailGetsTheSameAnswerAsAWrongPassword()
    {
        var email = await new Visitor(app).SignUpAsync();
        var wrong = await (await new Visitor(app).SignInAsync(email, "not the password at all")).Content.ReadAsStringAsync(Ct);
        var unknown = await (await new Visitor(app).SignInAsync($"nobody-{Guid.NewGuid():N}@example.org")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Email or password is incorrect", wrong, StringComparison.Ordinal);
        Assert.Contains("Email or password is incorrect", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Log")]
    [InlineData("/Progress")]
    [InlineData("/Questionnaires")]
    public async Task PagesWithClinicalDataAreNeverStored(string path)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var response = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must send Cache-Control: no-store");
    }

    // The cookies a browser holds, as a Cookie header another client can replay.
    static async Task<string> CopyCookiesAsync(Visitor visitor)
    {
        var response = await visitor.GetAsync("/Log");
        var request = response.RequestMessage!;
        return string.Join("; ", request.Headers.TryGetValues("Cookie", out var values) ? values : []);
    }

    async Task<HttpResponseMessage> Replay(string cookieHeader, string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request, Ct);
    }
}
