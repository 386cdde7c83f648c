using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Web.Tests.Practice;

// Audit: "clinical" = one row for every subject but anonymous, the client and "nomfa"; "-" = none; or per
// subject, "with:2,without:2,*:1" ("*" for every subject not named, of those that can be audited at all).
public sealed record MatrixRow(string Method, string Endpoint, string Request, string Audit, IReadOnlyDictionary<string, string> Expected, int Line)
{
    public bool Clinical => Audit != "-";

    public int AuditRowsFor(string subject)
    {
        if (subject is "anonymous" or "client" or "nomfa" || Audit == "-") return 0;   // the second-factor gate stops "nomfa" before any decision
        if (Audit == "clinical") return 1;
        var counts = Audit.Split(',').Select(p => p.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return counts.TryGetValue(subject, out var n) ? n : counts.GetValueOrDefault("*");
    }
}

// G1: every endpoint the app maps × verb (and page handler) × subject, against one table
// (authorization-matrix.txt). An endpoint missing from the table fails; so does any answer that is
// not the one the table expects. G17: each clinical request by someone other than the client writes
// exactly one audit row. G2: the client's canaries appear only where the table allows.
public sealed partial class AuthorizationMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static IReadOnlyList<MatrixRow> Table()
    {
        var rows = new List<MatrixRow>();
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Practice", "authorization-matrix.txt"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4 + MatrixWorld.SubjectNames.Length) throw new InvalidDataException($"authorization-matrix.txt line {i + 1}: {parts.Length} columns");
            var expected = MatrixWorld.SubjectNames.Select((s, k) => (s, parts[4 + k])).ToDictionary(p => p.s, p => p.Item2);
            rows.Add(new MatrixRow(parts[0], parts[1], parts[2], parts[3], expected, i + 1));
        }
        return rows;
    }

    // "GET Log/Edit/{id:guid}?handler=Delete"-style keys for every endpoint and handler the app has.
    HashSet<string> EndpointKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")) continue;
            var pattern = Normalize(endpoint.RoutePattern.RawText ?? "");
            var page = endpoint.Metadata.OfType<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>().FirstOrDefault();
            if (page is null)
            {
                foreach (var method in endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).DefaultIfEmpty("GET"))
                    keys.Add($"{method} {pattern}");
                continue;
            }
            var model = typeof(Program).Assembly.GetType("SecureBase.Web.Features" + page.ViewEnginePath.Replace('/', '.') + "Model")
                ?? throw new InvalidOperationException($"No page model for {page.ViewEnginePath}");
            keys.Add($"GET {pattern}");   // every page answers GET, even one without OnGet
            foreach (var handler in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var match = HandlerName().Match(handler.Name);
                if (!match.Success) continue;
                var verb = match.Groups[1].Value.ToUpperInvariant();
                keys.Add($"{verb} {pattern}{(match.Groups[2].Value.Length == 0 ? "" : "?handler=" + match.Groups[2].Value)}");
            }
        }
        return keys;
    }

    [GeneratedRegex("^On(Get|Post)(\\w*?)(Async)?$")]
    private static partial Regex HandlerName();

    static string Normalize(string pattern)
    {
        var p = pattern.Trim('/');
        return p == "Index" ? "" : p.EndsWith("/Index", StringComparison.Ordinal) ? p[..^6] : p;
    }

    [Fact]
    public void EveryEndpointIsInTheTable()
    {
        var table = Table().Select(r => $"{r.Method} {(r.Endpoint == "-" ? "" : r.Endpoint)}").ToHashSet();
        var missing = EndpointKeys().Where(k => !table.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Endpoints missing from authorization-matrix.txt:\n" + string.Join("\n", missing));
        Assert.True(EndpointKeys().Count >= 50, $"only {EndpointKeys().Count} endpoint keys found");
    }

    [Fact]
    public async Task EveryEndpointAnswersEverySubjectAsTheTableSays()
    {
        var failures = new List<string>();
        var bodies = new Dictionary<string, List<(string Request, string Body)>>();
        var tokens = new Dictionary<string, string>();
        var anonymous = AnonymousClient();
        foreach (var name in MatrixWorld.SubjectNames)
        {
            bodies[name] = [];
            var person = world.Subjects[name];
            var client = person?.Visitor.Client ?? anonymous;
            var page = await client.GetStringAsync(person is null ? "/Accounts/SignIn" : name == "nomfa" ? "/Accounts/SecondFactor" : "/Accounts/Profile", Ct);
            tokens[name] = TokenPattern().Match(page).Groups[1].Value;
        }
        var requests = 0;
        var textProblems = new List<string>();
        // The client goes last on each row, so a request that changes their data (a delete) meets everyone else first.
        var order = MatrixWorld.SubjectNames.Where(n => n != "client").Append("client").ToList();
        foreach (var row in Table())
            foreach (var name in order)
            {
                var client = world.Subjects[name]?.Visitor.Client ?? anonymous;
                var path = Regex.Replace(row.Request, "\\{(\\w+)\\}", m => world.Ids[m.Groups[1].Value]);
                var before = world.App.AuditRows();
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
                if (row.Method == "POST") request.Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", tokens[name])]);
                using var response = await client.SendAsync(request, Ct);
                requests++;
                var body = await response.Content.ReadAsStringAsync(Ct);
                if (response.Content.Headers.ContentType?.MediaType == "text/html") textProblems.AddRange(PageTextTests.ProblemsIn($"{path} as {name}", body));
                bodies[name].Add(($"{row.Method} {path}", body + string.Join("\n", response.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))));
                var outcome = Classify(response);
                if (outcome != row.Expected[name]) failures.Add($"line {row.Line}: {row.Method} {path} as {name}: {outcome}, expected {row.Expected[name]}");
                var audited = world.App.AuditRows() - before;
                var expectedAudit = row.AuditRowsFor(name);
                if (audited != expectedAudit) failures.Add($"line {row.Line}: {row.Method} {path} as {name}: {audited} audit rows, expected {expectedAudit}");
                if (!response.Headers.TryGetValues("X-Frame-Options", out var frames) || frames.Single() != "DENY") failures.Add($"line {row.Line}: {row.Method} {path} as {name}: X-Frame-Options is not DENY");
                if (row.Clinical && name is not ("anonymous" or "nomfa") && response.Headers.CacheControl?.NoStore != true) failures.Add($"line {row.Line}: {row.Method} {path} as {name}: no Cache-Control: no-store");
            }
        File.WriteAllText("/tmp/securebase-matrix-summary.txt", $"{Table().Count} rows × {MatrixWorld.SubjectNames.Length} subjects = {requests} requests; {EndpointKeys().Count} endpoint keys; {failures.Count} failures\n");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests answered unexpectedly:\n" + string.Join("\n", failures));
        Assert.True(textProblems.Count == 0, string.Join("\n", textProblems.Distinct()));

        // G2: the client's canaries, in every body and header every other subject received.
        var leaks = new List<string>();
        foreach (var (name, seen) in bodies)
        {
            if (name == "client") continue;
            foreach (var (field, canary) in world.Canaries)
                foreach (var (request, body) in seen.Where(s => s.Body.Contains(canary, StringComparison.Ordinal)))
                {
                    var allowed = (field == "shared note" && name == "with" && request.Contains("/Notes/", StringComparison.Ordinal))
                        || (field == "other note" && name == "other");
                    if (!allowed) leaks.Add($"{field} canary seen by {name} in {request}");
                }
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(bodies["with"], s => s.Body.Contains(world.SharedNoteCanary, StringComparison.Ordinal));   // the scan can see a canary
        // The client's own log names their therapists, never the other people who tried (another client, a stranger therapist).
        var theClient = world.Subjects["client"]!;
        await theClient.SignInAsync();
        var accessLog = await theClient.Visitor.Client.GetStringAsync("/Sharing/AccessLog", Ct);
        Assert.Contains("with@example.org (therapist) saw one of your notes", accessLog, StringComparison.Ordinal);
        Assert.Contains("Someone without access to your data tried to change, and was refused,", accessLog, StringComparison.Ordinal);
        foreach (var stranger in new[] { "other@example.org", "foreign@example.org", "colleague@example.org", "owner-a@example.org" })
            Assert.DoesNotContain(stranger, accessLog, StringComparison.Ordinal);

        // The foreign therapist's refused attempts are in their own practice's log, which does not name the client.
        var elsewhere = await world.ElsewhereOwner.Visitor.Client.GetStringAsync("/Practice/Audit", Ct);
        Assert.Contains("foreign@example.org", elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain("client@example.org", elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain("client@example.org", await world.ElsewhereOwner.Visitor.Client.GetStringAsync("/Practice/Audit?Person=client", Ct), StringComparison.Ordinal);
        lock (world.App.LogLines)
            Assert.DoesNotContain(world.App.LogLines, line => world.Canaries.Values.Any(c => line.Contains(c, StringComparison.Ordinal)));
    }

    HttpClient AnonymousClient() => world.App.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    static string Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 301 or 302 or 303)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            return location.StartsWith("/Accounts/SignIn", StringComparison.Ordinal) ? "login"
                : location.StartsWith("/Accounts/TwoFactor", StringComparison.Ordinal) || location.StartsWith("/Accounts/SecondFactor", StringComparison.Ordinal) ? "mfa"
                : "redirect";
        }
        return status switch
        {
            200 => "ok",
            400 => "bad",
            403 => "notshared",
            404 => "no",
            _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
