using System.Net;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Tests;

// Every page a person can open, with the data that makes the awkward cases appear (one of each thing,
// a questionnaire without a score): no inline style or script (our CSP blocks both, so they silently
// break the page), no count with the wrong number, no stray space before a colon, no US-style date.
public partial class PageTextTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"\b1 (\w+ )?(minutes|administrations|statements|weeks|moments|entries|days|hours|people|items|times|questionnaires)\b")]
    private static partial Regex OneWithPlural();

    [GeneratedRegex(@"\w\s+:\s")]
    private static partial Regex SpaceBeforeColon();

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{4}\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"<[a-z][^>]*\sstyle=""")]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"href=""(/(?:Questionnaires/Result|Log/Edit|Expectations/Outcome)/[0-9a-f-]{36})""")]
    private static partial Regex DataLinks();

    // The text as read: tags removed without adding space, so "<strong>yet</strong>\n<span>: the" shows as "yet\n: the".
    static string VisibleText(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<svg.*?</svg>|<script.*?</script>|<head>.*?</head>", " ", RegexOptions.Singleline), "<[^>]+>", ""));

    [Fact]
    public async Task NoPageCarriesInlineStyleOrScriptOrAwkwardText()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await QuestionnaireTests.CompleteEcrRAsync(visitor, i => i <= 18 && i > 3 ? null : 4);   // no anxiety score
        await QuestionnaireTests.CompleteEcrRAsync(visitor, _ => 4);
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.SettledMinutes", "1"));
        await visitor.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Friend"), ("Before.Plan", "Ask"), ("Before.ExpectedCarePercent", "40"));

        var pages = new List<string> { "/", "/Log", "/Expectations", "/Questionnaires", "/Progress", "/Accounts/Profile", "/Accounts/ChangePassword",
            "/MyData", "/MyData/Delete", "/About/Measures" };
        foreach (var source in new[] { "/Progress", "/Log", "/Expectations", "/Questionnaires" })
            pages.AddRange(DataLinks().Matches(await visitor.Client.GetStringAsync(source, Ct)).Select(m => m.Groups[1].Value));
        var anonymous = new Visitor(app);
        var failures = new List<string>();
        foreach (var (who, path) in pages.Distinct().Select(p => (visitor, p))
            .Concat(new[] { "/Accounts/SignIn", "/Accounts/SignUp", "/Accounts/ForgotPassword", "/Accounts/ResetPassword", "/Accounts/ConfirmEmail" }.Select(p => (anonymous, p))))
        {
            var html = await (await who.GetAsync(path)).Content.ReadAsStringAsync(Ct);
            failures.AddRange(ProblemsIn(path, html));
        }
        Assert.True(pages.Count >= 14, string.Join(", ", pages));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    // What is wrong with one page's HTML; the authorization matrix runs this over every page of the practice too.
    public static IEnumerable<string> ProblemsIn(string path, string html)
    {
        var text = VisibleText(html);
        if (InlineStyle().Match(html) is { Success: true } style) yield return $"{path}: inline style {style.Value}";
        if (InlineScript().Match(html) is { Success: true } script) yield return $"{path}: inline script {script.Value}";
        if (OneWithPlural().Match(text) is { Success: true } plural) yield return $"{path}: \"{plural.Value}\"";
        if (SpaceBeforeColon().Match(text) is { Success: true } colon) yield return $"{path}: \"{colon.Value}\"";
        if (NumericDate().Match(html) is { Success: true } date) yield return $"{path}: numeric date {date.Value}";
        if (Regex.Count(html, "<table") != Regex.Count(html, "<div class=\"table-scroll\""))
            yield return $"{path}: a table outside a sideways-scrolling region (it overflows at 375 px)";
    }

    [Fact]
    public async Task AResultWithoutAPointSaysSoAndHighlightsNoEarlierDot()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await QuestionnaireTests.CompleteEcrRAsync(visitor, _ => 4);
        var id = await QuestionnaireTests.CompleteEcrRAsync(visitor, i => i <= 18 && i > 3 ? null : 4);
        var html = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync($"/Questionnaires/Result/{id}", Ct));
        Assert.DoesNotContain("the large dot is this one", html, StringComparison.Ordinal);
        Assert.Contains("This time has no point of its own", html, StringComparison.Ordinal);
    }
}
