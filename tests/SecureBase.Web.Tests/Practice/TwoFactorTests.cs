using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using SecureBase.Data;

namespace SecureBase.Web.Tests.Practice;

// G7: a code works once, one step of drift at most, recovery codes stored hashed and single-use.
public sealed partial class TwoFactorTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")]
    private static partial Regex RecoveryCodePattern();

    async Task<(Person Person, List<string> RecoveryCodes)> EnrolledClientAsync(string email)
    {
        var person = new Person(app, email);
        await person.Visitor.SignUpAsync(email, person.Password);
        var page = await person.Visitor.Client.GetStringAsync("/Accounts/TwoFactor", Ct);
        Assert.Contains("<img class=\"qr\" src=\"data:image/png;base64,", page, StringComparison.Ordinal);   // drawn here, no third party
        await person.EnrolAsync();
        var codes = await person.Visitor.PostAsync("/Accounts/TwoFactor", "/Accounts/TwoFactor?handler=NewCodes", ("Code", person.NextCode()));
        return (person, RecoveryCodePattern().Matches(await codes.Content.ReadAsStringAsync(Ct)).Select(m => m.Groups[1].Value).ToList());
    }

    async Task<HttpStatusCode> SecondStepAsync(Person person, string code, bool recovery = false)
    {
        var browser = new Visitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(person.Email, person.Password)).StatusCode);
        var response = recovery
            ? await browser.PostAsync("/Accounts/SecondFactor?Recovery=true", "/Accounts/SecondFactor?Recovery=true", ("RecoveryCode", code), ("Recovery", "true"))
            : await browser.PostAsync("/Accounts/SecondFactor", ("Code", code), ("Recovery", "false"));
        return response.StatusCode;
    }

    [Fact]
    public async Task ACodeWorksOnceAndATwoStepOldCodeIsRefused()
    {
        var (person, _) = await EnrolledClientAsync("replay@example.org");
        var totp = new Totp(person.Secret!);
        var replays = 0;
        for (var i = 0; i < 100; i++)
        {
            var code = person.NextCode();
            Assert.Equal(HttpStatusCode.Redirect, await SecondStepAsync(person, code));
            if (await SecondStepAsync(person, code) != HttpStatusCode.BadRequest) replays++;
            await ResetLockoutAsync(person.Email);
        }
        Assert.Equal(0, replays);

        app.Clock.Advance(TimeSpan.FromSeconds(90));
        var old = totp.ComputeTotp(app.Clock.GetUtcNow().AddSeconds(-60).UtcDateTime);   // two steps back
        Assert.Equal(HttpStatusCode.BadRequest, await SecondStepAsync(person, old));
        var oneBack = totp.ComputeTotp(app.Clock.GetUtcNow().AddSeconds(-30).UtcDateTime);   // one step of drift is allowed
        Assert.Equal(HttpStatusCode.Redirect, await SecondStepAsync(person, oneBack));
    }

    [Fact]
    public async Task RecoveryCodesAreStoredHashedAndWorkOnce()
    {
        var (person, codes) = await EnrolledClientAsync("recovery@example.org");
        Assert.Equal(10, codes.Count);
        var userId = await app.UserIdAsync(person.Email);
        var stored = app.InScope(s => s.GetRequiredService<AppDbContext>().RecoveryCodes.Where(c => c.UserId == userId).ToList());
        Assert.Equal(10, stored.Count);
        foreach (var code in codes)
        {
            var plain = code.Replace("-", "", StringComparison.Ordinal);
            Assert.DoesNotContain(stored, c => System.Text.Encoding.ASCII.GetString(c.Hash).Contains(plain, StringComparison.Ordinal));
        }
        Assert.False(await app.DatabaseContainsAsync(codes[0].Replace("-", "", StringComparison.Ordinal)));
        Assert.False(await app.DatabaseContainsAsync(Base32Encoding.ToString(person.Secret!).TrimEnd('=')));   // the TOTP secret is protected too

        Assert.Equal(HttpStatusCode.Redirect, await SecondStepAsync(person, codes[0].ToLowerInvariant(), recovery: true));
        Assert.Equal(HttpStatusCode.BadRequest, await SecondStepAsync(person, codes[0], recovery: true));
        Assert.Equal(HttpStatusCode.BadRequest, await SecondStepAsync(person, "AAAA-BBBB-CCCC-DDDD", recovery: true));
    }

    [Fact]
    public async Task WrongCodesLockTheAccountLikeWrongPasswords()
    {
        var (person, _) = await EnrolledClientAsync("guesser@example.org");
        var browser = new Visitor(app);
        await browser.SignInAsync(person.Email, person.Password);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/Accounts/SecondFactor", ("Code", "000000"), ("Recovery", "false"))).StatusCode);
        var locked = await browser.PostAsync("/Accounts/SecondFactor", ("Code", person.NextCode()), ("Recovery", "false"));
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    Task<int> ResetLockoutAsync(string email) => app.InScopeAsync(async s =>
    {
        var db = s.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0), Ct);
    });

}
