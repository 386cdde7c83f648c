using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Web.Tests;

// Password hashing at full strength (210,000 iterations) would make 10,000 requests take minutes; the
// fuzz looks for server errors, not for hashing cost, so this app hashes with fewer iterations.
public sealed class FuzzApp : SecureBaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }
}

// At least 10,000 requests over every form the app draws and every endpoint it maps, with content
// types, missing, duplicated and unknown fields, extreme values, bad percent-encoding and invalid
// UTF-8, from a seeded generator (the same run every time): not one answer is a server error.
public partial class FuzzTests(FuzzApp app) : IClassFixture<FuzzApp>
{
    const int Requests = 10_000;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<form([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"action=""([^""]*)""")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"<(?:input|select|textarea|button)[^>]*\bname=""([^""]+)""(?:[^>]*\bvalue=""([^""]*)"")?")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"href=""(/(?:Questionnaires/(?:Result|Take)|Log/Edit|Expectations/Outcome)/[0-9a-f-]{36}[^""]*)""")]
    private static partial Regex DataLinks();

    sealed record Target(string Action, IReadOnlyList<(string Name, string Value)> Fields, bool SignedIn);

    static readonly string[] Extremes =
    [
        "", " ", "0", "-1", "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "1e309", "NaN", "Infinity", "0x10", "4.5",
        "0001-01-01T00:00", "9999-12-31T23:59", "2025-10-05T02:15", "yesterday", "Toward", "Care", "Mars/Olympus", "Asia/Calcutta",
        "💥", "\0", "\u202e", "<script>alert(1)</script>", "../../etc/passwd", "a@b..c", "=HYPERLINK(\"x\")", new string('x', 100_000),
        "true", "null", "[]", "{}", "ecr-rs", "other", "finish-anyway", "back", "leave",
    ];

    static readonly string[] Junk = ["handler=Nope", "handler=Csv&kind=%00", "handler=Json", "step=-5", "step=abc", "user=x&token=y", "sent=maybe", "saved=2"];

    async Task<List<Target>> TargetsAsync(Visitor signedIn, Visitor anonymous)
    {
        var pages = new List<string> { "/", "/Log", "/Expectations", "/Questionnaires", "/Progress", "/Accounts/Profile", "/Accounts/ChangePassword", "/MyData", "/MyData/Delete" };
        foreach (var source in pages.ToList())
            pages.AddRange(DataLinks().Matches(await signedIn.Client.GetStringAsync(source, Ct)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        var targets = new List<Target>();
        foreach (var (visitor, signed, list) in new[] { (signedIn, true, pages.Distinct().ToList()),
            (anonymous, false, ["/Accounts/SignIn", "/Accounts/SignUp", "/Accounts/ForgotPassword", "/Accounts/ResetPassword?user=x&token=y"]) })
            foreach (var page in list)
            {
                var html = await visitor.Client.GetStringAsync(page, Ct);
                foreach (Match form in FormPattern().Matches(html))
                {
                    if (!form.Groups[1].Value.Contains("post", StringComparison.OrdinalIgnoreCase)) continue;
                    var action = ActionPattern().Match(form.Groups[1].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : page;
                    if (action == "/Accounts/SignOut") continue;   // would end the fuzzing session
                    var fields = FieldPattern().Matches(form.Groups[2].Value)
                        .Select(f => (WebUtility.HtmlDecode(f.Groups[1].Value), WebUtility.HtmlDecode(f.Groups[2].Value)))
                        .Where(f => f.Item1 != "__RequestVerificationToken").ToList();
                    targets.Add(new Target(action, fields, signed));
                }
                targets.Add(new Target(page, [], signed));   // the page itself, for GETs with junk
            }
        // Every mapped endpoint, so a page or API without a form is in the fuzz too.
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } when endpoint.RoutePattern.RawText?.Contains("instruments", StringComparison.Ordinal) == true => "ecr-r",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } => Guid.NewGuid().ToString(),
                _ => "x",
            }))));
            if (path != "/Accounts/SignOut" && !path.Contains('{', StringComparison.Ordinal)) targets.Add(new Target(path, [("answers", "{}")], true));
        }
        return targets;
    }

    static HttpContent Body(Random random, IReadOnlyList<(string Name, string Value)> fields, string? token)
    {
        var pairs = new List<(string, string)>(fields);
        // Mutate: each field kept, dropped, duplicated or given an extreme value; sometimes an unknown or unprefixed field.
        for (var i = 0; i < pairs.Count; i++)
        {
            switch (random.Next(6))
            {
                case 0: pairs[i] = (pairs[i].Item1, Extremes[random.Next(Extremes.Length)]); break;
                case 1: pairs.Add((pairs[i].Item1, Extremes[random.Next(Extremes.Length)])); break;
                case 2: pairs[i] = ("", ""); break;
                case 3: pairs[i] = (pairs[i].Item1[(pairs[i].Item1.IndexOf('.', StringComparison.Ordinal) + 1)..], pairs[i].Item2); break;
            }
        }
        if (random.Next(4) == 0) pairs.Add((Extremes[random.Next(Extremes.Length)], Extremes[random.Next(Extremes.Length)]));
        pairs = pairs.Where(p => p.Item1.Length > 0).ToList();
        if (token is not null && random.Next(10) > 0) pairs.Add(("__RequestVerificationToken", token));

        string Encoded() => string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2.Length > 60_000 ? p.Item2[..60_000] : p.Item2)));
        switch (random.Next(10))
        {
            case 8:
                var charset = Raw(Encoded());
                charset.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=" + new[] { "utf-7", "utf-16", "x-unknown", "\"utf-8\"", "latin1" }[random.Next(5)]);
                return charset;
            case 0:
                var multipart = new MultipartFormDataContent();
                foreach (var (name, value) in pairs) multipart.Add(new StringContent(value), Regex.IsMatch(name, "^[a-zA-Z0-9._-]+$") ? name : "_");
                return multipart;
            case 1: return new StringContent("{\"Input\":{\"Intensity\":\"x\"},\"answers\":{\"ecr-r.01\":99999999999}}", Encoding.UTF8, "application/json");
            case 2: return new StringContent(Encoded(), Encoding.UTF8, "text/plain");
            case 3:
                var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--wrong"));
                broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
                return broken;
            case 4: return Raw(Encoded() + "&Input.Note=%zz%&Before.Plan=%E0%A4&%%%=1");
            case 5:
                var bytes = Encoding.UTF8.GetBytes(Encoded() + "&Input.Note=").Concat(new byte[] { 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80 }).ToArray();
                var invalid = new ByteArrayContent(bytes);
                invalid.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
                return invalid;
            case 6: return new ByteArrayContent([]);
            default: return Raw(Encoded());
        }
    }

    static ByteArrayContent Raw(string form)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(form));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        return content;
    }

    [Fact]
    public async Task TenThousandMalformedRequestsGetNoServerError()
    {
        var signedIn = new Visitor(app);
        await signedIn.SignUpAsync();
        await signedIn.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", "n"));
        await signedIn.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Friend"), ("Before.Plan", "Ask"), ("Before.ExpectedCarePercent", "40"));
        await QuestionnaireTests.CompleteEcrRAsync(signedIn, _ => 4);
        await signedIn.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", ("instrument", "ecr-rs"), ("target", "other"), ("targetName", "Sam"));
        var anonymous = new Visitor(app);
        var targets = await TargetsAsync(signedIn, anonymous);
        var tokens = new Dictionary<bool, string>
        {
            [true] = await signedIn.TokenAsync("/Log", "/Accounts/SignOut"),
            [false] = await anonymous.TokenAsync("/Accounts/SignIn"),
        };

        var random = new Random(20261130);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var target = targets[random.Next(targets.Count)];
            var client = (target.SignedIn ? signedIn : anonymous).Client;
            using var request = random.Next(5) == 0
                ? new HttpRequestMessage(HttpMethod.Get, target.Action + (target.Action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Junk[random.Next(Junk.Length)])
                : new HttpRequestMessage(random.Next(20) == 0 ? HttpMethod.Put : HttpMethod.Post, target.Action) { Content = Body(random, target.Fields, tokens[target.SignedIn]) };
            if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("RequestVerificationToken", tokens[target.SignedIn]);
            using var response = await client.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500) failures.Add($"#{i} {request.Method} {target.Action}: {status}");
        }
        var summary = $"{Requests} requests over {targets.Count} targets: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "securebase-fuzz-summary.txt"), summary, Ct);   // for the record of a run
        Assert.True(targets.Count >= 25, $"only {targets.Count} targets");
        Assert.True(statuses.Keys.Count(s => s < 400) > 1, "some requests must get through to the handlers");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(50)));
    }
}
