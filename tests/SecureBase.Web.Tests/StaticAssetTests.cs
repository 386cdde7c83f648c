using System.Net;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Tests;

public class StaticAssetTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    [Fact]
    public async Task TheStylesheetIsServedFromOurOwnOrigin()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var href = Regex.Match(html, "href=\"(/css/site.css[^\"]*)\"").Groups[1].Value;
        var response = await client.GetAsync(href, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".brand", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIconIsServedFromOurOwnOrigin()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var href = Regex.Match(html, "<link rel=\"icon\" href=\"(/[^\"]+)\"").Groups[1].Value;
        var response = await client.GetAsync(href, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
