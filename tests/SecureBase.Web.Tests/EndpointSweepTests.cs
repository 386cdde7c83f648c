using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Web.Tests;

// Every endpoint the app maps, found from its EndpointDataSource (so a new page is covered without
// editing this test), requested by a signed-in user with ids that are not theirs and values that are
// malformed. Whatever the answer, it is never a server error.
public class EndpointSweepTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static readonly string[] Junk = ["", "?step=-5", "?step=abc", "?handler=Csv&kind=%00", "?handler=Json", "?handler=Nope", "?user=x&token=y", "?code=999"];

    IEnumerable<string> Paths() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern)
        .Select(p => "/" + string.Join('/', p.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } => Guid.NewGuid().ToString(),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "x",
            _ => "",
        })))))
        .Where(p => !p.Contains('{', StringComparison.Ordinal))
        .Distinct();

    [Fact]
    public async Task NoEndpointAnswersWithAServerError()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var token = await visitor.TokenAsync("/Log", "/Accounts/SignOut");
        var paths = Paths().Where(p => p != "/Accounts/SignOut").ToList();
        Assert.Contains("/Progress", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/instruments/", StringComparison.Ordinal) && p.EndsWith("/score", StringComparison.Ordinal));

        var failures = new List<string>();
        foreach (var path in paths)
            foreach (var query in Junk)
            {
                var get = await visitor.Client.GetAsync(path + query, TestContext.Current.CancellationToken);
                var post = await visitor.Client.PostAsync(path + query, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["Input.Intensity"] = "99999999999", ["Input.Pull"] = "💥", ["Password"] = new string('p', 300),
                }), TestContext.Current.CancellationToken);
                foreach (var (method, response) in new[] { ("GET", get), ("POST", post) })
                    if ((int)response.StatusCode >= 500) failures.Add($"{method} {path}{query}: {(int)response.StatusCode}");
            }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(paths.Count >= 20, $"only {paths.Count} endpoints found");
    }
}
