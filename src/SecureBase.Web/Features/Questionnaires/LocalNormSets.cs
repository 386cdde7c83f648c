using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Data;

namespace SecureBase.Web.Features.Questionnaires;

// The deployment's own norms (ADR 0004): each person's first completed administration of an
// instrument (per relationship, for the ECR-RS) is a baseline; item-level answers give mean, SD and α.
//
// Computing them reads every baseline's answers (issue 11: "must not recompute the local norm sets on each
// request"), so the last result is kept per instrument with a fingerprint of the completed administrations
// it came from: their count and the latest completion. A completed sitting raises one or the other, an
// erased account lowers the count, so every page sees the norms of the data as it is now, across app
// instances too (each checks the database, none trusts a timer). One cheap aggregate per page instead of
// a scan; a test changes the data each way and sees the norms follow.
public sealed class LocalNormSets
{
    sealed record Fingerprint(int Count, DateTimeOffset? Latest);
    sealed record Kept(Fingerprint Of, NormSet Norms);

    readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);

    /// <summary>
    /// The norm set a verdict about <paramref name="target"/> (null for instruments without targets) uses: the
    /// operator's imported set for this instrument and target, else their set for the instrument as a whole
    /// (`securebase norms import`, ADR 0004), else the local norms. An imported set is a few rows, read each time.
    /// </summary>
    public async Task<NormSet> ForAsync(AppDbContext db, InstrumentPack pack, string? target, DateTimeOffset now, CancellationToken ct) =>
        (await ForTargetsAsync(db, pack, [target], now, ct))[target ?? ""];

    /// <summary>
    /// ForAsync for several targets of one instrument at once (the caseload): two queries whatever their number.
    /// Keyed by target, "" for none.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, NormSet>> ForTargetsAsync(AppDbContext db, InstrumentPack pack, IReadOnlyCollection<string?> targets, DateTimeOffset now,
        CancellationToken ct)
    {
        var imported = await db.NormSets.AsNoTracking().Include(n => n.Entries).Where(n => n.InstrumentId == pack.Id && n.Origin == NormOrigin.Published).ToListAsync(ct);
        var result = new Dictionary<string, NormSet>(StringComparer.Ordinal);
        NormSet? local = null;
        foreach (var target in targets.Distinct())
            result[target ?? ""] = (imported.FirstOrDefault(n => target != null && n.TargetId == target) ?? imported.FirstOrDefault(n => n.TargetId == null)) is { } chosen
                ? chosen.ToNormSet()
                : local ??= await LocalAsync(db, pack, now, ct);
        return result;
    }

    async Task<NormSet> LocalAsync(AppDbContext db, InstrumentPack pack, DateTimeOffset now, CancellationToken ct)
    {
        var completed = db.Administrations.AsNoTracking().Where(a => a.InstrumentId == pack.Id && a.CompletedAt != null);
        var fingerprint = await completed.GroupBy(_ => 1).Select(g => new Fingerprint(g.Count(), g.Max(a => a.CompletedAt))).FirstOrDefaultAsync(ct)
            ?? new Fingerprint(0, null);
        if (kept.TryGetValue(pack.Id, out var last) && last.Of == fingerprint) return last.Norms;
        var norms = await ComputeAsync(db, pack, now, ct);
        kept[pack.Id] = new Kept(fingerprint, norms);
        return norms;
    }

    static async Task<NormSet> ComputeAsync(AppDbContext db, InstrumentPack pack, DateTimeOffset now, CancellationToken ct)
    {
        var completed = await db.Administrations.AsNoTracking()
            .Where(a => a.InstrumentId == pack.Id && a.CompletedAt != null)
            .Select(a => new { a.Id, a.SubjectId, a.TargetId, a.CompletedAt })
            .ToListAsync(ct);
        var baselines = completed.GroupBy(a => (a.SubjectId, a.TargetId)).Select(g => g.MinBy(a => a.CompletedAt)!.Id).ToList();
        var responses = await db.ItemResponses.AsNoTracking().Where(r => baselines.Contains(r.AdministrationId)).ToListAsync(ct);

        var norms = new LocalNorms(pack);
        foreach (var sitting in responses.GroupBy(r => r.AdministrationId))
            norms.Add(sitting.ToDictionary(r => r.ItemId, r => r.Value));
        return norms.ToNormSet($"local-{pack.Id}",
            $"Local norms: the first {pack.ShortTitle} of each person on this server, computed {now:d MMM yyyy}; reliability is Cronbach's alpha");
    }
}
