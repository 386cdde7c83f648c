using System.Net;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests;

// Issue 11: each person may set their own crisis line (the words and the number), shown at the top of
// every page to them alone, stored encrypted with their key, in their export; bad input changes nothing.
public sealed class CrisisLineTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    const string Profile = "/Accounts/Profile", Save = "/Accounts/Profile?handler=CrisisLine";

    async Task<bool> StoredAsync(string email) =>
        (await SchedulingSteps.RowsAsync(app, db => db.Users.Where(u => u.Email == email))).Single() is { EncryptedCrisisText: not null } or { EncryptedCrisisNumber: not null };

    [Fact]
    public async Task APersonsOwnCrisisLineIsShownOnEveryPageToThemAloneAndStoredEncrypted()
    {
        var person = new Person(app, "crisis-own@example.org");
        var other = new Person(app, "crisis-other@example.org");
        foreach (var p in new[] { person, other }) await p.Visitor.SignUpAsync(p.Email, p.Password);
        Assert.Contains("href=\"tel:988\"", await BodyAsync(await person.Visitor.GetAsync("/Log")), StringComparison.Ordinal);

        const string NumberProblem = "Enter a phone number of 3 to 20 digits";
        foreach (var (fields, message) in new (string, string)[][]
                 {
                     [("Crisis.Text", "Call Anna")],
                     [("Crisis.Number", "116 123")],
                     [("Crisis.Text", new string('x', 61)), ("Crisis.Number", "116123")],
                     [("Crisis.Text", "Call\u202Eevil"), ("Crisis.Number", "116123")],
                     [("Crisis.Text", "Call Anna"), ("Crisis.Number", "javascript:alert(1)")],
                     [("Crisis.Text", "Call Anna"), ("Crisis.Number", "12")],
                     [("Crisis.Text", "Call Anna"), ("Crisis.Number", "+1 800 273 8255 1234567890")],
                     [("Crisis.Text", "Call Anna"), ("Crisis.Number", "116 123;ext")],
                 }.Zip(["Enter both the words to show and the number to call", "Enter both the words to show and the number to call",
                     "Keep the words to 60 characters.", "Use letters, digits, spaces and punctuation only.", NumberProblem, NumberProblem, NumberProblem, NumberProblem]))
        {
            var refused = await person.Visitor.PostAsync(Profile, Save, fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await BodyAsync(refused), StringComparison.Ordinal);
            Assert.False(await StoredAsync(person.Email), $"stored after {string.Join(", ", fields)}");
        }

        var saved = await person.Visitor.PostAsync(Profile, Save, ("Crisis.Text", "In crisis? Call CRISIS-CANARY-4417"), ("Crisis.Number", " +44 (0)116-123 "));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        foreach (var path in new[] { "/", "/Log", "/Progress", "/Questionnaires", Profile })
        {
            var page = await BodyAsync(await person.Visitor.GetAsync(path));
            Assert.Contains("<a class=\"crisis\" href=\"tel:+440116123\">In crisis? Call CRISIS-CANARY-4417</a>", page, StringComparison.Ordinal);
        }
        Assert.Contains("value=\"+44 (0)116-123\"", await BodyAsync(await person.Visitor.GetAsync(Profile)), StringComparison.Ordinal);   // as they wrote it, trimmed
        Assert.False(await app.DatabaseContainsAsync("CRISIS-CANARY-4417"));   // encrypted with their key
        var otherPage = await BodyAsync(await other.Visitor.GetAsync("/Log"));
        Assert.Contains("href=\"tel:988\"", otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("CRISIS-CANARY-4417", otherPage, StringComparison.Ordinal);
        Assert.Contains("CRISIS-CANARY-4417", await BodyAsync(await person.Visitor.GetAsync("/MyData?handler=Json")), StringComparison.Ordinal);

        // Both empty: back to the server's line, and nothing of theirs kept.
        Assert.Equal(HttpStatusCode.Redirect, (await person.Visitor.PostAsync(Profile, Save, ("Crisis.Text", " "), ("Crisis.Number", ""))).StatusCode);
        Assert.Contains("href=\"tel:988\"", await BodyAsync(await person.Visitor.GetAsync("/Log")), StringComparison.Ordinal);
        Assert.False(await StoredAsync(person.Email));
    }
}
