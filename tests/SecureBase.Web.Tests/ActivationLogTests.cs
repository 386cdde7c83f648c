using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

public partial class ActivationLogTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("/Log/Edit/([0-9a-f-]{36})")]
    private static partial Regex EditLink();

    static readonly (string, string)[] Quick = [("Input.Pull", "Toward"), ("Input.Intensity", "6"), ("Input.Response", "PausedAndChoseNew")];

    async Task<int> CountEntriesAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ActivationEntries.CountAsync(Ct);
    }

    static async Task<string> LogAsync(Visitor visitor, params (string, string)[] fields)
    {
        var response = await visitor.PostAsync("/Log", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));
        var list = await (await visitor.GetAsync("/Log")).Content.ReadAsStringAsync(Ct);
        return EditLink().Match(list).Groups[1].Value;
    }

    [Fact]
    public async Task AQuickEntryNeedsOnlyThreeChoices()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await LogAsync(visitor, Quick);
        var list = await (await visitor.GetAsync("/Log")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Toward, intensity 6, paused and chose a new response", list, StringComparison.Ordinal);
    }

    // A quick log names no one: it is stored as "not said", never guessed; once someone is named, the next
    // quick log goes by them, and the form says so.
    [Fact]
    public async Task AQuickEntryWithNoOneNamedIsNotSaidAndTheLastOneNamedIsRemembered()
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        var form = WebUtility.HtmlDecode(await (await visitor.GetAsync("/Log")).Content.ReadAsStringAsync(Ct));
        Assert.Matches("<option value=\"NotSaid\" selected=\"selected\">Not said</option>", form);
        await LogAsync(visitor, Quick);
        Assert.Equal([Core.ActivationLog.Relationship.NotSaid], await RelationshipsAsync(email));
        var list = WebUtility.HtmlDecode(await (await visitor.GetAsync("/Log")).Content.ReadAsStringAsync(Ct));
        Assert.Contains("(Not said)", list, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await LogAsync(visitor, [.. Quick, ("Input.Relationship", "Friend")]);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        form = WebUtility.HtmlDecode(await (await visitor.GetAsync("/Log")).Content.ReadAsStringAsync(Ct));
        Assert.Matches("<option value=\"Friend\" selected=\"selected\">Friend</option>", form);
        Assert.Contains("As last time; change it if it was someone else.", form, StringComparison.Ordinal);
        await LogAsync(visitor, Quick);
        Assert.Equal([Core.ActivationLog.Relationship.NotSaid, Core.ActivationLog.Relationship.Friend, Core.ActivationLog.Relationship.Friend],
            await RelationshipsAsync(email));
    }

    async Task<List<Core.ActivationLog.Relationship>> RelationshipsAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        return await db.ActivationEntries.Where(e => e.UserId == userId)
            .OrderBy(e => e.CreatedAt).Select(e => e.Relationship).ToListAsync(Ct);
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "Input.Intensity", "11", "Intensity is from 0 to 10." },
        { "Input.Intensity", "-1", "Intensity is from 0 to 10." },
        { "Input.When", "3000-01-01T10:00", "That time has not happened yet." },
        { "Input.When", "1990-01-01T10:00", "more than five years ago" },
        { "Input.When", "yesterday", "Enter the date and time as shown" },
        { "Input.Pull", "Sideways", "'Sideways' is not one of the choices" },
        { "Input.Pull", "7", "'7' is not one of the choices" },
        { "Input.SettledMinutes", "99999", "Minutes to settle must be between 0 and 10080" },
        { "Input.Note", new string('x', 4001), "Keep the note under 4000 characters." },
        { "Input.RelationshipLabel", new string('y', 61), "Keep the name or label under 60 characters." },
    };

    [Theory, MemberData(nameof(BadInput))]
    public async Task BadInputGetsAClearMessageAndSavesNothing(string field, string value, string message)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var before = await CountEntriesAsync();
        var fields = Quick.Where(f => f.Item1 != field).Append((field, value)).ToArray();
        var response = await visitor.PostAsync("/Log", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Fact]
    public async Task AHugeNoteIsRefusedWithoutAServerError()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var before = await CountEntriesAsync();
        var response = await visitor.PostAsync("/Log", [.. Quick, ("Input.Note", new string('x', 5_000_000))]);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Fact]
    public async Task AMissingChoiceIsNamed()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var response = await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose what you did.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotesAndLabelsAreEncryptedAtRestAndReadBackForTheirOwner()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var canary = $"canary-{Guid.NewGuid():N}";
        var id = await LogAsync(visitor, [.. Quick, ("Input.Note", $"He went quiet and I {canary}"), ("Input.RelationshipLabel", $"label-{canary}")]);

        var edit = await (await visitor.GetAsync($"/Log/Edit/{id}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"He went quiet and I {canary}", edit, StringComparison.Ordinal);
        Assert.Contains($"label-{canary}", edit, StringComparison.Ordinal);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.DataDirectory))
            Assert.DoesNotContain(canary, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACiphertextMovedToAnotherPersonsRowDoesNotOpen()
    {
        var owner = new Visitor(app);
        await owner.SignUpAsync();
        var ownerEntry = await LogAsync(owner, [.. Quick, ("Input.Note", "private words")]);
        var other = new Visitor(app);
        await other.SignUpAsync();
        var otherEntry = await LogAsync(other, [.. Quick, ("Input.Note", "other words")]);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stolen = (await db.ActivationEntries.SingleAsync(e => e.Id == Guid.Parse(ownerEntry), Ct)).EncryptedNote;
            var target = await db.ActivationEntries.SingleAsync(e => e.Id == Guid.Parse(otherEntry), Ct);
            target.EncryptedNote = stolen;
            await db.SaveChangesAsync(Ct);
        }
        var edit = await (await other.GetAsync($"/Log/Edit/{otherEntry}")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("private words", edit, StringComparison.Ordinal);
        Assert.Contains("cannot be decrypted", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingChangesTheEntryAndDeletingRemovesIt()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var id = await LogAsync(visitor, Quick);
        var edit = await visitor.PostAsync($"/Log/Edit/{id}", ("Input.Pull", "Away"), ("Input.Intensity", "2"), ("Input.Response", "RanOldPattern"), ("Input.When", "2026-01-04T22:15"));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var list = await (await visitor.GetAsync("/Log")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Sun 4 Jan, 22:15", list, StringComparison.Ordinal);   // Europe/London wall time, as entered
        Assert.Contains("Away, intensity 2", list, StringComparison.Ordinal);

        var delete = await visitor.PostAsync($"/Log/Edit/{id}", $"/Log/Edit/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/Log/Edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task NobodyCanReadChangeOrDeleteAnotherPersonsEntry()
    {
        var owner = new Visitor(app);
        await owner.SignUpAsync();
        var id = await LogAsync(owner, [.. Quick, ("Input.Note", "mine alone")]);
        var other = new Visitor(app);
        await other.SignUpAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Log/Edit/{id}")).StatusCode);
        var token = await other.TokenAsync("/Log");
        foreach (var action in new[] { $"/Log/Edit/{id}", $"/Log/Edit/{id}?handler=Delete" })
        {
            var response = await other.Client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Pull"] = "Away", ["Input.Intensity"] = "1", ["Input.Response"] = "RanOldPattern", ["__RequestVerificationToken"] = token,
            }), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var mine = await (await owner.GetAsync($"/Log/Edit/{id}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("mine alone", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(id, await (await other.GetAsync("/Progress")).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiForgeryTokenIsRefused()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        var before = await CountEntriesAsync();
        var response = await visitor.Client.PostAsync("/Log", new FormUrlEncodedContent(Quick.Select(f => KeyValuePair.Create(f.Item1, f.Item2))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountEntriesAsync());
    }

    [Fact]
    public async Task TheProgressPageShowsWeeklyMetricsAndSaysWhenThereIsNotEnoughData()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await LogAsync(visitor, Quick);
        await LogAsync(visitor, ("Input.Pull", "Away"), ("Input.Intensity", "8"), ("Input.Response", "RanOldPattern"), ("Input.Noticed", "InTheMoment"));
        var html = WebUtility.HtmlDecode(await (await visitor.GetAsync("/Progress")).Content.ReadAsStringAsync(Ct));
        Assert.Contains("not enough data yet", html, StringComparison.Ordinal);
        var row = Regex.Match(html, "<tr><td class=\"date\">5 Jan 2026</td>.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches("<td class=\"date\">5 Jan 2026</td><td>2</td><td>7</td>\\s*<td>100%</td><td>50%</td>", row);   // median of 6 and 8
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }
}
