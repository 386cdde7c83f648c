using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace SecureBase.Web.Tests;

// A real SMTP conversation with an in-process test server (netDumbster) on a free loopback port.
public sealed class SmtpApp : SecureBaseApp
{
    public SimpleSmtpServer Smtp { get; } = SimpleSmtpServer.Start();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Email:Smtp:Host", "127.0.0.1"), ("Email:Smtp:Port", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Email:Smtp:Security", "None"), ("Email:From", "SecureBase <no-reply@securebase.test>"),
    ];

    public override IReadOnlyList<SentMail> Mail() => SmtpMail.Of(Smtp);

    public override async ValueTask DisposeAsync()
    {
        Smtp.Stop();
        await base.DisposeAsync();
    }
}

public partial class PasswordResetTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("(/Accounts/ResetPassword\\?user=[^\\s]+)")]
    private static partial Regex ResetLink();

    async Task<string> ResetMailFor(string email)
    {
        await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));
        return Assert.Single(app.Mail(), m => m.To == email && m.Subject == "Reset your SecureBase password").Body;
    }

    [Fact]
    public async Task AResetLinkArrivesBySmtpAndSetsANewPasswordOnce()
    {
        var email = await new Visitor(app).SignUpAsync();
        var body = await ResetMailFor(email);
        var link = ResetLink().Match(body).Groups[1].Value;
        Assert.NotEmpty(link);

        var visitor = new Visitor(app);
        var reset = await visitor.PostAsync(link, link, ("Password", "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("Your password is changed", await (await visitor.GetAsync(reset.Headers.Location!.OriginalString)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).SignInAsync(email, "a brand new passphrase")).StatusCode);

        var again = await visitor.PostAsync(link, link, ("Password", "yet another passphrase"));
        Assert.Contains("not valid or has expired", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSameAnswerAndNoMail()
    {
        var before = app.Smtp.ReceivedEmailCount;
        var response = await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", $"nobody-{Guid.NewGuid():N}@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Accounts/ForgotPassword?Sent=True", response.Headers.Location!.ToString());
        Assert.Equal(before, app.Smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task AResetEmailCarriesNoClinicalTextAndEndsEverySession()
    {
        var signedIn = new Visitor(app);
        var email = await signedIn.SignUpAsync();
        await signedIn.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "5"), ("Input.Response", "RanOldPattern"), ("Input.Note", "never in email"));
        var body = await ResetMailFor(email);
        Assert.DoesNotContain("never in email", body, StringComparison.Ordinal);
        var link = ResetLink().Match(body).Groups[1].Value;

        Assert.Equal(HttpStatusCode.Redirect, (await new Visitor(app).PostAsync(link, link, ("Password", "a brand new passphrase"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/Log")).StatusCode);   // back to sign-in
    }

    // Identity's token provider reads the system clock itself, so expiry cannot be simulated: check the setting.
    [Fact]
    public void ResetLinksLiveOneHour() =>
        Assert.Equal(TimeSpan.FromHours(1), app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.DataProtectionTokenProviderOptions>>().Value.TokenLifespan);
}
