using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

// After a deletion the person asked for, a raw byte search of every file in the data folder (the
// database, its -wal and -shm, mail) finds nothing of what was deleted.
public partial class ErasureTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("/Log/Edit/([0-9a-f-]{36})")]
    private static partial Regex EditLink();

    // Which of the byte strings appear in any file under the data folder.
    List<string> FoundInDataFolder(IEnumerable<(string Name, byte[] Bytes)> canaries)
    {
        var files = Directory.GetFiles(app.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => { using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete); using var m = new MemoryStream(); s.CopyTo(m); return (f, m.ToArray()); }).ToList();
        return canaries.SelectMany(c => files.Where(f => f.Item2.AsSpan().IndexOf(c.Bytes) >= 0).Select(f => $"{c.Name} in {Path.GetFileName(f.f)}")).ToList();
    }

    // Every stored blob of the person (their wrapped key and each encrypted field), read before the deletion.
    async Task<List<(string Name, byte[] Bytes)>> BlobsOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = (await db.Users.SingleAsync(u => u.Email == email, Ct)).Id;
        var blobs = new List<(string, byte[]?)> { ("wrapped key", (await db.UserKeys.SingleAsync(k => k.UserId == id, Ct)).WrappedKey) };
        foreach (var e in await db.ActivationEntries.Where(e => e.UserId == id).ToListAsync(Ct))
            blobs.AddRange([("note", e.EncryptedNote), ("activation label", e.EncryptedRelationshipLabel)]);
        foreach (var e in await db.ExpectationEntries.Where(e => e.UserId == id).ToListAsync(Ct))
            blobs.AddRange([("plan", e.EncryptedPlan), ("expectation label", e.EncryptedRelationshipLabel), ("feeling", e.EncryptedFeeling)]);
        foreach (var a in await db.Administrations.Where(a => a.SubjectId == id).ToListAsync(Ct))
            blobs.Add(("ECR-RS name", a.EncryptedTargetLabel));
        return blobs.Where(b => b.Item2 is not null).Select(b => (b.Item1, b.Item2!)).ToList();
    }

    [Fact]
    public async Task DeletingTheAccountLeavesNothingOfThePersonReadableInTheDataFolder()
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync($"erase-{Guid.NewGuid():N}@example.org");
        await visitor.PostAsync("/Log", ("Input.Pull", "Toward"), ("Input.Intensity", "6"), ("Input.Response", "RanOldPattern"),
            ("Input.RelationshipLabel", "Canary label"), ("Input.Note", "Canary note"));
        await visitor.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Friend"), ("Before.RelationshipLabel", "Canary friend"),
            ("Before.Plan", "Canary plan"), ("Before.ExpectedCarePercent", "40"));
        await visitor.PostAsync("/Expectations", "/Expectations?handler=Corrective", ("Corrective.Kind", "RepairAfterConflict"), ("Corrective.Relationship", "Partner"),
            ("Corrective.Feeling", "Canary feeling"));
        await visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", ("instrument", "ecr-rs"), ("target", "other"), ("targetName", "Canary Name"));
        await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));

        var canaries = await BlobsOfAsync(email);
        Assert.True(canaries.Count >= 7, $"{canaries.Count} blobs");
        canaries.AddRange([("email", Encoding.UTF8.GetBytes(email)), ("normalized email", Encoding.UTF8.GetBytes(email.ToUpperInvariant()))]);
        Assert.Contains(FoundInDataFolder(canaries), f => f.StartsWith("email in", StringComparison.Ordinal));   // the search does find what is there

        var delete = await visitor.PostAsync("/MyData/Delete", ("Password", "correct horse battery staple"));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        var found = FoundInDataFolder(canaries);
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task DeletingOrRewritingALogEntryLeavesItsOldNoteNowhereInTheDataFolder()
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", "kept"));
        var kept = (await BlobsOfAsync(email)).Single(b => b.Name == "note");
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "4"), ("Input.Response", "RanOldPattern"), ("Input.Note", "deleted"));
        var id = EditLink().Match(await visitor.Client.GetStringAsync("/Log", Ct)).Groups[1].Value;   // newest first
        var deleted = (await BlobsOfAsync(email)).Single(b => b.Name == "note" && !b.Bytes.SequenceEqual(kept.Bytes));

        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync($"/Log/Edit/{id}", $"/Log/Edit/{id}?handler=Delete")).StatusCode);
        Assert.Equal(["kept note in securebase.db"], FoundInDataFolder([("kept note", kept.Bytes), ("deleted note", deleted.Bytes)]));

        var keptId = EditLink().Match(await visitor.Client.GetStringAsync("/Log", Ct)).Groups[1].Value;
        await visitor.PostAsync($"/Log/Edit/{keptId}", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", "rewritten"));
        Assert.Empty(FoundInDataFolder([("old note", kept.Bytes)]));
    }
}
