using System.Net;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Tests;

// Every form binds one prefixed input and validates it in one place: the same fields without their
// prefix, or with values outside their range, are a 400 and store nothing.
public partial class FormBindingTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("/Log/Edit/([0-9a-f-]{36})")]
    private static partial Regex EditLink();

    [GeneratedRegex("/Expectations/Outcome/([0-9a-f-]{36})")]
    private static partial Regex OutcomeLink();

    static readonly string Huge = new('x', 3_000_000);

    // A signed-in person with one log entry and one pending expectation, and the forms they can post.
    async Task<(Visitor Visitor, List<(string Page, string Action, (string, string)[] Fields)> Forms)> PersonWithFormsAsync()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "4"), ("Input.Response", "RanOldPattern"));
        await visitor.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Friend"), ("Before.Plan", "Ask"), ("Before.ExpectedCarePercent", "40"));
        var edit = "/Log/Edit/" + EditLink().Match(await visitor.Client.GetStringAsync("/Log", Ct)).Groups[1].Value;
        var outcome = "/Expectations/Outcome/" + OutcomeLink().Match(await visitor.Client.GetStringAsync("/Expectations", Ct)).Groups[1].Value;
        return (visitor, [
            ("/Log", "/Log", [("Pull", "Toward"), ("Intensity", "5"), ("Response", "RanOldPattern"), ("Note", Huge)]),
            (edit, edit, [("Pull", "Toward"), ("Intensity", "9"), ("Response", "RanOldPattern")]),
            ("/Expectations", "/Expectations?handler=Before", [("Relationship", "Friend"), ("Plan", Huge), ("ExpectedCarePercent", "2147483647")]),
            ("/Expectations", "/Expectations?handler=Corrective", [("Kind", "RepairAfterConflict"), ("Relationship", "Friend"), ("Feeling", new string('f', 9000))]),
            (outcome, outcome, [("Outcome", "Care"), ("Feeling", "fine")]),
            ("/Accounts/Profile", "/Accounts/Profile", [("TimeZone", "Asia/Tokyo")]),
            ("/Accounts/ChangePassword", "/Accounts/ChangePassword", [("Current", "correct horse battery staple"), ("New", "a brand new passphrase")]),
        ]);
    }

    [Fact]
    public async Task EveryFormRefusesItsFieldsWithoutTheirPrefixAndStoresNothing()
    {
        var (visitor, forms) = await PersonWithFormsAsync();
        var failures = new List<string>();
        foreach (var (page, action, fields) in forms)
        {
            var before = await DatabaseSnapshot.TakeAsync(app);
            var response = await visitor.PostAsync(page, action, fields);
            if (response.StatusCode != HttpStatusCode.BadRequest) failures.Add($"{action}: {(int)response.StatusCode}");
            if (await DatabaseSnapshot.TakeAsync(app) != before) failures.Add($"{action}: stored something");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task AnonymousFormsRefuseTheirFieldsWithoutTheirPrefixToo()
    {
        var before = await DatabaseSnapshot.TakeAsync(app);
        var signUp = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Email", $"p-{Guid.NewGuid():N}@example.org"), ("Password", "correct horse battery staple"), ("TimeZone", "Etc/UTC"));
        var signIn = await new Visitor(app).PostAsync("/Accounts/SignIn", ("Email", "x@example.org"), ("Password", "whatever it is"));
        Assert.Equal(HttpStatusCode.BadRequest, signUp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(app));
    }

    public static TheoryData<string, string, string> OutOfRange => new()
    {
        { "Before.ExpectedCarePercent", "500", "Likelihood is from 0% to 100%." },
        { "Before.ExpectedCarePercent", "-7", "Likelihood is from 0% to 100%." },
        { "Before.ExpectedCarePercent", "2147483648", "'2147483648' is not a whole number in range for expected care percent." },
        { "Before.RelationshipLabel", new string('l', 300), "Keep the name or label under 60 characters." },
        { "Before.Plan", new string('p', 1001), "Keep it under 1000 characters." },
        { "Before.Relationship", "99", "is not one of the choices" },
        { "Before.Relationship", "Friend,Partner", "is not one of the choices" },
        { "Before.Relationship", "NotSaid", "Choose with whom: an expectation is about someone." },
        { "Before.ExpectedCarePercent", "0x10", "'0x10' is not a whole number in range for expected care percent" },
        { "Before.ExpectedCarePercent", "4.5", "is not a whole number in range" },
    };

    [Theory, MemberData(nameof(OutOfRange))]
    public async Task AnExpectationOutsideItsRangesIsRefusedWithAReason(string field, string value, string message)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var fields = new Dictionary<string, string> { ["Before.Relationship"] = "Friend", ["Before.Plan"] = "Ask", ["Before.ExpectedCarePercent"] = "40", [field] = value };
        var before = await DatabaseSnapshot.TakeAsync(app);
        var response = await visitor.PostAsync("/Expectations", "/Expectations?handler=Before", fields.Select(f => (f.Key, f.Value)).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task ACorrectiveExperienceWithAFeelingTooLongIsRefused()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var before = await DatabaseSnapshot.TakeAsync(app);
        var response = await visitor.PostAsync("/Expectations", "/Expectations?handler=Corrective",
            ("Corrective.Kind", "RepairAfterConflict"), ("Corrective.Relationship", "Friend"), ("Corrective.Feeling", new string('f', 9000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(app));
    }
}
