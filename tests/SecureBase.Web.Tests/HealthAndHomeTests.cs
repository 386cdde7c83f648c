using System.Net;

namespace SecureBase.Web.Tests;

public class HealthAndHomeTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthIsHealthyOnAFreshlyMigratedDatabase()
    {
        var response = await app.CreateClient().GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "securebase.db")));
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "securebase.db-wal")), "the database runs in WAL mode");
    }

    [Fact]
    public async Task TheHomePageIsShortAndTheMeasuresPageCarriesTheSources()
    {
        var home = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/", Ct));
        Assert.Contains("How to start", home, StringComparison.Ordinal);
        foreach (var shortTitle in new[] { "ECR-R", "ECR-RS", "RQ" }) Assert.Contains(shortTitle, home, StringComparison.Ordinal);
        Assert.Contains("988", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Fraley", home, StringComparison.Ordinal);   // citations are on the measures page
        var measures = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/About/Measures", Ct));
        Assert.Contains("Experiences in Close Relationships – Revised", measures, StringComparison.Ordinal);
        Assert.Contains("Relationship Questionnaire", measures, StringComparison.Ordinal);
        Assert.Contains("Fraley", measures, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/api/instruments")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await app.CreateClient().GetAsync(path, Ct);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ThePageLoadsNothingFromAnotherOrigin()
    {
        var html = await app.CreateClient().GetStringAsync("/", Ct);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task AnUnknownPathIsANotFoundPageForASignedInUser()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var response = await visitor.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
