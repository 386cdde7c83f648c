using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Audit;
using SecureBase.Data.Model;

namespace SecureBase.Data.Practices;

// The audit trail in the database: one hash chain per practice (ChainId = the practice's id;
// Guid.Empty for people in no practice), appended under a unique (ChainId, Sequence) index so two
// requests racing for the same place cannot both win: the loser reads the new head and tries again.
public static class AuditLog
{
    public static async Task<AuditEntry> AppendAsync(AppDbContext db, Guid chainId, AuditFields fields, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chainId).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
            var row = AuditChain.Append(head is null ? null : ToChained(head), fields with { Sequence = (head?.Sequence ?? 0) + 1 });
            var entry = ToEntry(chainId, row);
            db.AuditEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
                return entry;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    // Several rows at once (a caseload view: one per client seen), chained in order and saved together;
    // a racing writer makes the whole batch read the new head and chain again.
    public static async Task AppendManyAsync(AppDbContext db, Guid chainId, IReadOnlyList<AuditFields> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chainId).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
            var previous = head is null ? null : ToChained(head);
            var entries = new List<AuditEntry>();
            foreach (var fields in batch)
            {
                previous = AuditChain.Append(previous, fields with { Sequence = (previous?.Fields.Sequence ?? 0) + 1 });
                entries.Add(ToEntry(chainId, previous));
            }
            db.AuditEntries.AddRange(entries);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                foreach (var entry in entries) db.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    // Each chain checked from its first row: its length, where it breaks (null if whole) and its head
    // (the newest row's hash). Rows cut off the end leave a whole, shorter chain: only a head noted
    // earlier, somewhere else, shows that; so the head is printed for operators to keep.
    public static async Task<IReadOnlyList<(Guid ChainId, long Rows, long? FirstBreak, string Head)>> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        var results = new List<(Guid, long, long?, string)>();
        foreach (var chainId in await db.AuditEntries.Select(a => a.ChainId).Distinct().ToListAsync(ct))
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chainId).OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(ct);
            results.Add((chainId, rows.Count, AuditChain.FirstBreak(rows.Select(ToChained).ToList()), rows.Count == 0 ? AuditChain.Genesis : rows[^1].Hash));
        }
        return results;
    }

    // The hash must see the time exactly as it will be read back: SQLite's column keeps 100 µs steps
    // (EF's DateTimeOffsetToBinaryConverter drops the last three tick digits), PostgreSQL microseconds.
    public static DateTimeOffset StorableTime(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 1000, TimeSpan.Zero);

    static ChainedAuditRow ToChained(AuditEntry e) => new(
        new AuditFields(e.Sequence, e.At, e.ActorId, e.ActorRole, e.ClientId, e.ResourceKind, e.ResourceId, e.Scope, e.Action, e.Allowed, e.Address),
        e.PreviousHash, e.Hash);

    static AuditEntry ToEntry(Guid chainId, ChainedAuditRow row) => new()
    {
        ChainId = chainId, Sequence = row.Fields.Sequence, At = row.Fields.At, ActorId = row.Fields.ActorId, ActorRole = row.Fields.ActorRole,
        ClientId = row.Fields.ClientId, ResourceKind = row.Fields.ResourceKind, ResourceId = row.Fields.ResourceId, Scope = row.Fields.Scope,
        Action = row.Fields.Action, Allowed = row.Fields.Allowed, Address = row.Fields.Address, PreviousHash = row.PreviousHash, Hash = row.Hash,
    };
}
