using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Web.Tests;

public sealed class ProxiedApp : SecureBaseApp
{
    public const string Proxy = "10.0.0.1";
    public const int Limit = 6;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("SecureBase:PublicBaseUrl", "https://therapy.example.org"), ("SecureBase:TrustedProxies", Proxy),
        ("RateLimits:AccountPostsPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    // The test server has no socket, so the address a request arrives from is given in a header here.
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ArrivesFrom>());
    }

    sealed class ArrivesFrom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers["X-Test-Remote"] is [{ } remote]) context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

// Absolute URLs come from SecureBase:PublicBaseUrl; the Host header and forwarded headers from anyone
// but a configured proxy change nothing.
public class PublicOriginTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A browser whose requests arrive from `remote`, carrying the forwarded headers given.
    Visitor From(string remote, params (string Name, string Value)[] headers)
    {
        var visitor = new Visitor(app);
        visitor.Client.DefaultRequestHeaders.Host = "therapy.example.org";
        visitor.Client.DefaultRequestHeaders.Add("X-Test-Remote", remote);
        foreach (var (name, value) in headers) visitor.Client.DefaultRequestHeaders.Add(name, value);
        return visitor;
    }

    [Theory]
    [InlineData("evil.example:8443")]
    [InlineData("therapy.example.org.evil.example")]
    public async Task AForgedHostHeaderIsRefused(string host)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Accounts/ForgotPassword");
        request.Headers.Host = host;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task EveryLinkInEveryAccountEmailUsesThePublicBaseUrl()
    {
        var email = await From("192.0.2.1").SignUpAsync();
        await From("192.0.2.1").PostAsync("/Accounts/ForgotPassword", ("Email", email));
        await From("192.0.2.1").PostAsync("/Accounts/SignUp", ("Input.Email", email), ("Input.Password", "some other passphrase"), ("Input.TimeZone", "Etc/UTC"));
        var mails = app.Mail().Where(m => m.To == email).ToList();
        Assert.Equal(3, mails.Count);   // confirmation, reset, "someone tried"
        var links = mails.SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.Body, @"\bhttps?://\S+").Select(x => x.Value)).ToList();
        Assert.True(links.Count >= 4);
        Assert.All(links, link => Assert.StartsWith("https://therapy.example.org/Accounts/", link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BehindTheTrustedProxyRequestsAreHttpsAndGetHsts()
    {
        // Plain http reaches the app, as from a TLS proxy in front of it.
        async Task<HttpResponseMessage> Get(string remote)
        {
            using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://therapy.example.org") });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Accounts/SignIn");
            request.Headers.Add("X-Test-Remote", remote);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.5");
            return await client.SendAsync(request, Ct);
        }

        Assert.True((await Get(ProxiedApp.Proxy)).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await Get("10.0.0.99")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task RateLimitsCountEachClientBehindTheProxySeparatelyAndIgnoreForgedForwarding()
    {
        static async Task<HttpStatusCode> SignIn(Visitor visitor) => (await visitor.SignInAsync("nobody@example.org", "not a password here")).StatusCode;
        static (string, string)[] Forwarded(string client) => [("X-Forwarded-For", client), ("X-Forwarded-Proto", "https")];

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ProxiedApp.Limit; i++) statuses.Add(await SignIn(From(ProxiedApp.Proxy, Forwarded("203.0.113.10"))));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignIn(From(ProxiedApp.Proxy, Forwarded("203.0.113.11"))));   // another client, its own bucket

        // Not the proxy: its forwarded header is ignored, so changing it does not buy a new bucket.
        statuses.Clear();
        for (var i = 0; i <= ProxiedApp.Limit; i++) statuses.Add(await SignIn(From("198.51.100.7", Forwarded($"203.0.113.{50 + i}"))));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
