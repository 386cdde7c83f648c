using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Tests;

// Each named "another person" of the ECR-RS is a history of its own: on the result page, on progress,
// in every verdict and in the exports.
public partial class NamedPersonTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("/Questionnaires/Take/([0-9a-f-]{36})")]
    private static partial Regex TakeLink();

    // One ECR-RS about a named person, every item answered with `value`; returns its id.
    internal static async Task<string> EcrRsAboutAsync(Visitor visitor, string name, int value)
    {
        var start = await visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", ("instrument", "ecr-rs"), ("target", "other"), ("targetName", name));
        var id = TakeLink().Match(start.Headers.Location!.ToString()).Groups[1].Value;
        var path = $"/Questionnaires/Take/{id}?step=1";
        var first = await visitor.PostAsync(path, path, [.. Enumerable.Range(1, 6).Select(n => ($"ecr-rs.{n}", value.ToString(System.Globalization.CultureInfo.InvariantCulture))), ("nav", "next")]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        path = $"/Questionnaires/Take/{id}?step=2";
        var last = await visitor.PostAsync(path, path, [.. Enumerable.Range(7, 3).Select(n => ($"ecr-rs.{n}", value.ToString(System.Globalization.CultureInfo.InvariantCulture))), ("nav", "finish")]);
        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        return id;
    }

    [Fact]
    public async Task SamAndAlexAreTwoHistoriesAndSamTwiceIsOne()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await EcrRsAboutAsync(visitor, "Sam", 2);
        app.Clock.Advance(TimeSpan.FromMinutes(20));   // apart in time, within the idle limit
        var alex = await EcrRsAboutAsync(visitor, "Alex", 6);
        app.Clock.Advance(TimeSpan.FromMinutes(20));   // apart in time, within the idle limit
        var samAgain = await EcrRsAboutAsync(visitor, " sam ", 3);

        var alexResult = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync($"/Questionnaires/Result/{alex}", Ct));
        Assert.DoesNotContain("the first time", alexResult, StringComparison.Ordinal);   // Alex's first: nothing to compare with
        var samResult = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync($"/Questionnaires/Result/{samAgain}", Ct));
        Assert.Contains("the first time", samResult, StringComparison.Ordinal);          // compared with Sam's first, not Alex

        var progress = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/Progress", Ct));
        Assert.Contains("ECR-RS: Another person (named): Alex", progress, StringComparison.Ordinal);
        Assert.Contains("ECR-RS: Another person (named): sam", progress, StringComparison.Ordinal);   // the name as last given
        Assert.Equal(2, Regex.Count(progress, "<h3>ECR-RS: Another person"));

        var json = JsonDocument.Parse(await visitor.Client.GetStringAsync("/MyData?handler=Json", Ct)).RootElement;
        var names = json.GetProperty("questionnaires").EnumerateArray().Select(q => q.GetProperty("relationshipName").GetString()).ToList();
        Assert.Equal(["Sam", "Alex", "sam"], names);
    }
}
