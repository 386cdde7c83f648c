using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

public class MyDataTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<(Visitor Visitor, string Email, string Canary)> ClientWithDataAsync(SecureBaseApp app)
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        var canary = $"canary-{Guid.NewGuid():N}";
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "4"), ("Input.Response", "RanOldPattern"), ("Input.Note", canary));
        await visitor.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Friend"), ("Before.Plan", $"plan {canary}"), ("Before.ExpectedCarePercent", "60"));
        await QuestionnaireTests.CompleteEcrRAsync(visitor, _ => 4);
        return (visitor, email, canary);
    }

    [Fact]
    public async Task TheJsonExportHoldsEverythingDecryptedForItsOwnerOnly()
    {
        var (visitor, email, canary) = await ClientWithDataAsync(app);
        var (_, _, otherCanary) = await ClientWithDataAsync(app);

        var response = await visitor.GetAsync("/MyData?handler=Json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = await response.Content.ReadAsStringAsync(Ct);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(email, root.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(canary, root.GetProperty("activationLog")[0].GetProperty("note").GetString());
        Assert.Equal($"plan {canary}", root.GetProperty("expectations")[0].GetProperty("plan").GetString());
        Assert.Equal(36, root.GetProperty("questionnaires")[0].GetProperty("answers").EnumerateObject().Count());
        Assert.DoesNotContain(otherCanary, json, StringComparison.Ordinal);
    }

    // The FHIR download: the owner's questionnaire data only, as an R4 Bundle (validated in the CLI's tests).
    [Fact]
    public async Task TheFhirExportHoldsTheOwnersAdministrationsOnly()
    {
        var (visitor, email, canary) = await ClientWithDataAsync(app);
        var (other, _, _) = await ClientWithDataAsync(app);
        var response = await visitor.GetAsync("/MyData?handler=Fhir");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var bundle = SecureBase.Data.Fhir.FhirJson.Read<Hl7.Fhir.Model.Bundle>(await response.Content.ReadAsStringAsync(Ct));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mine = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        var ids = (await db.Administrations.Where(a => a.SubjectId == mine).Select(a => a.Id).ToListAsync(Ct)).Select(id => id.ToString());
        Assert.Equal(ids.Order(), bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.QuestionnaireResponse>().Select(r => r.Id!).Order());
        var patient = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Patient>());
        Assert.Equal(mine, patient.Identifier.Single().Value);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(canary, text, StringComparison.Ordinal);   // free text stays out of it
        Assert.DoesNotContain(email, text, StringComparison.Ordinal);
        Assert.NotEqual(other.Client, visitor.Client);
    }

    [Theory]
    [InlineData("questionnaires", "administration,instrument,version,relationship,relationship_name,completed_at,completed_at_local,scale,score,answered,items,prorated")]
    [InlineData("answers", "administration,instrument,item,answer")]
    [InlineData("activations", "id,occurred_at,occurred_at_local,relationship,relationship_label,pull,intensity,noticed,response,new_response,settled_minutes,note")]
    [InlineData("expectations", "id,recorded_at,recorded_at_local,relationship,relationship_label,plan,expected_care_percent,corrective_kind,outcome,outcome_at,outcome_at_local,feeling")]
    public async Task EachKindExportsAsCsv(string kind, string header)
    {
        var (visitor, _, _) = await ClientWithDataAsync(app);
        var response = await visitor.GetAsync($"/MyData?handler=Csv&kind={kind}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(header, lines[0]);
        Assert.True(lines.Length > 1);
    }

    [Fact]
    public async Task AnUnknownCsvKindIsNotFound()
    {
        var (visitor, _, _) = await ClientWithDataAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/MyData?handler=Csv&kind=passwords")).StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordDeletesNothing()
    {
        var (visitor, email, _) = await ClientWithDataAsync(app);
        var response = await visitor.PostAsync("/MyData/Delete", ("Password", "not my password at all"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The password is incorrect.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == email, Ct));
    }

    [Fact]
    public async Task DeletingTheAccountRemovesEveryRowAndTheKey()
    {
        var (visitor, email, _) = await ClientWithDataAsync(app);
        string userId;
        using (var scope = app.Services.CreateScope())
            userId = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == email, Ct)).Id;

        var response = await visitor.PostAsync("/MyData/Delete", ("Password", "correct horse battery staple"));
        // The account ends on a page that says it is done, drawn for someone signed out; no link says so to others.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Your account is deleted", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Your account is deleted", await (await new Visitor(app).GetAsync("/?deleted=true")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var again = await visitor.GetAsync("/MyData/Delete");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/Accounts/SignIn", again.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.Users.AnyAsync(u => u.Id == userId, Ct));
            Assert.False(await db.UserKeys.AnyAsync(k => k.UserId == userId, Ct));
            Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == userId, Ct));
            Assert.False(await db.ActivationEntries.AnyAsync(e => e.UserId == userId, Ct));
            Assert.False(await db.ExpectationEntries.AnyAsync(e => e.UserId == userId, Ct));
            Assert.False(await db.Administrations.AnyAsync(a => a.SubjectId == userId, Ct));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync("/Log")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await new Visitor(app).SignInAsync(email)).StatusCode);   // the form again: no such account
    }
}

public class CsvDownloadTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    [Fact]
    public async Task CsvDownloadsStartWithAByteOrderMarkForSpreadsheets()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var bytes = await visitor.Client.GetByteArrayAsync("/MyData?handler=Csv&kind=activations", TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
    }
}

public class RequestCharsetTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    [Theory]
    [InlineData("/Accounts/SignIn")]
    [InlineData("/Accounts/SignUp")]
    [InlineData("/Log")]
    public async Task AFormInACharsetOtherThanUtf8IsRefusedNotAnError(string path)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var content = new StringContent("a=b", System.Text.Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-7");
        var response = await visitor.Client.PostAsync(path, content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("does not accept", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("x-unknown")]
    public async Task AMultipartPartInAnUnreadableCharsetIsABadRequest(string charset)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(
            $"--X\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain; charset={charset}\r\n\r\nhi\r\n--X--\r\n"));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=X");
        foreach (var path in new[] { "/Accounts/SignIn", "/Log" })
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.Client.PostAsync(path, content, TestContext.Current.CancellationToken)).StatusCode);
    }
}
