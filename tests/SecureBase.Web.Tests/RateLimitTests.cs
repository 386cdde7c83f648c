using System.Net;

namespace SecureBase.Web.Tests;

public sealed class StrictRateLimitApp : SecureBaseApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("RateLimits:AccountPostsPerMinute", "3")];
}

public class RateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task AccountPostsBeyondTheLimitGet429AndPagesStillLoad()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await new Visitor(app).SignInAsync($"nobody-{i}@example.org", "wrong password, surely")).StatusCode);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await new Visitor(app).GetAsync("/Accounts/SignIn")).StatusCode);
    }
}
