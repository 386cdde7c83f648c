using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Audit;
using SecureBase.Data.Practices;

namespace SecureBase.Data.Tests;

// Many views writing audit rows at once (caseload batches in two practices' chains, single rows beside them):
// every row is written exactly once, each batch stays whole and in order, and every chain verifies whole. On
// SQLite concurrent batches share one commit (group commit); a fault in that sharing would lose, repeat or
// interleave someone's rows.
public class AuditLogTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentBatchesAreEachWrittenOnceWholeAndInOrderAndEveryChainVerifies(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using (var db = await database.MigratedContextAsync()) { }
        Guid[] chains = [Guid.NewGuid(), Guid.NewGuid()];
        var at = AuditLog.StorableTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        AuditFields Row(string actor, int client) => new(0, at, actor, "therapist", $"client-{client}", "Caseload summary", null, "Scores", "read", true, null);

        var writers = Enumerable.Range(0, 12).Select(async w =>
        {
            await using var db = database.NewContext();
            for (var view = 0; view < 3; view++)
            {
                var actor = $"writer-{w}-view-{view}";
                if (w % 4 == 3) await AuditLog.AppendAsync(db, chains[w % 2], Row(actor, 0), Ct);
                else await AuditLog.AppendManyAsync(db, chains[w % 2], Enumerable.Range(0, 40).Select(c => Row(actor, c)).ToList(), Ct);
            }
        });
        await Task.WhenAll(writers);

        await using var check = database.NewContext();
        var rows = await check.AuditEntries.AsNoTracking().OrderBy(a => a.ChainId).ThenBy(a => a.Sequence).ToListAsync(Ct);
        Assert.Equal(9 * 3 * 40 + 3 * 3, rows.Count);
        foreach (var view in rows.GroupBy(r => r.ActorId))
        {
            var batch = view.ToList();
            Assert.Single(batch.Select(r => r.ChainId).Distinct());
            Assert.Equal(batch.Select((_, i) => $"client-{i}"), batch.Select(r => r.ClientId));   // once each, in the order given
            Assert.Equal(Enumerable.Range(0, batch.Count).Select(i => batch[0].Sequence + i), batch.Select(r => r.Sequence));   // whole: nobody else's row inside
        }
        var verified = await AuditLog.VerifyAsync(check, Ct);
        Assert.Equal(2, verified.Count);
        Assert.All(verified, chain => Assert.Null(chain.FirstBreak));
    }

    // A row about many clients (ADR 0026) reads back exactly as chained, through each provider's insert path,
    // and a client taken off it afterwards breaks the chain there.
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AManyClientRowReadsBackAsChainedAndAnEditToItsSubjectsBreaksTheChain(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.MigratedContextAsync();
        var chain = Guid.NewGuid();
        var at = AuditLog.StorableTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var subjects = AuditSubjects.Write([("client-b", "Scores", true), ("client-a", "Scores", true), ("client-c", "NoneShared", true)]);
        Assert.Equal("""[{"scope":"NoneShared","allowed":true,"clients":["client-c"]},{"scope":"Scores","allowed":true,"clients":["client-a","client-b"]}]""", subjects);
        await AuditLog.AppendManyAsync(db, chain, [new(0, at, "therapist", "therapist", AuditSubjects.ManyClients, "Caseload summary", null, "Scores", "read", true, null, subjects)], Ct);
        await AuditLog.AppendAsync(db, chain, new(0, at, "therapist", "therapist", "client-a", "Digest", null, "Scores", "read", true, null), Ct);

        var stored = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chain).OrderBy(a => a.Sequence).ToListAsync(Ct);
        Assert.Equal([subjects, null], stored.Select(a => a.Subjects));
        Assert.Equal("Scores", AuditSubjects.Of(stored[0].Subjects, "client-b")?.Scope);
        Assert.Null(AuditSubjects.Of(stored[0].Subjects, "client-d"));
        Assert.Null(Assert.Single(await AuditLog.VerifyAsync(db, Ct)).FirstBreak);

        await db.AuditEntries.Where(a => a.Id == stored[0].Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Subjects, AuditSubjects.Write([("client-a", "Scores", true), ("client-b", "Scores", true)])), Ct);
        Assert.Equal(1, Assert.Single(await AuditLog.VerifyAsync(db, Ct)).FirstBreak);
    }
}
