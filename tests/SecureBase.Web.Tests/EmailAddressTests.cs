using System.Net;
using SecureBase.Web.Features.Email;

namespace SecureBase.Web.Tests;

// One rule for addresses, the mailer's own parser, at every form that takes one.
public class EmailAddressTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Valid => ["pat.o'brien@example.com", "a&b@example.com", "first.last+tag@example.co.uk", "x_y-z@sub.example.org"];

    public static TheoryData<string> Invalid => ["trail.@example.com", "first..last@example.com", "x@example..com", "a@b..c", ".lead@example.com",
        "no-at-sign", "two@@example.com", "Pat <pat@example.com>", "a@b.com, c@d.com", "x@localhost", "x@example.com."];

    [Theory, MemberData(nameof(Valid))]
    public void AValidAddressIsAcceptedAndTheMailerCanUseIt(string address)
    {
        Assert.Equal(address, EmailAddresses.Normalize(address));
        Assert.Equal(address, EmailAddresses.Parse(address).Address);
    }

    [Theory, MemberData(nameof(Invalid))]
    public void AnAddressTheMailerCannotUseIsRefused(string address) => Assert.Null(EmailAddresses.Normalize(address));

    [Theory, MemberData(nameof(Valid))]
    public async Task SignUpAcceptsEveryValidAddressAndMailsIt(string address)
    {
        var unique = address.Replace("@", $"{Guid.NewGuid():N}@", StringComparison.Ordinal);
        var response = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", unique), ("Input.Password", "correct horse battery staple"), ("Input.TimeZone", "Etc/UTC"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(app.Mail(), m => m.To == unique);
    }

    // Each form that takes an address, with the field it takes it in.
    public static TheoryData<string, string, string> Forms
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var address in new[] { "trail.@example.com", "first..last@example.com", "x@example..com" })
            {
                data.Add("/Accounts/SignUp", "Input.Email", address);
                data.Add("/Accounts/ForgotPassword", "Email", address);
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(Forms))]
    public async Task EveryFormRefusesAnAddressTheMailerCannotUseWithTheSameMessage(string form, string field, string address)
    {
        var response = await new Visitor(app).PostAsync(form, (field, address), ("Input.Password", "correct horse battery staple"), ("Input.TimeZone", "Etc/UTC"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter a valid email address", page, StringComparison.Ordinal);
        Assert.DoesNotContain("user name", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.Mail(), m => m.To == address);
    }
}
