using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Data;

namespace SecureBase.Web.Features.Questionnaires;

// The deployment's own norms (ADR 0004): each person's first completed administration of an
// instrument (per relationship, for the ECR-RS) is a baseline; item-level answers give mean, SD and α.
public static class LocalNormSets
{
    public static async Task<NormSet> ForAsync(AppDbContext db, InstrumentPack pack, DateTimeOffset now, CancellationToken ct)
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
            $"Local norms: the first {pack.ShortTitle} of each person on this server ({baselines.Count} so far), computed {now:d MMM yyyy}; reliability is Cronbach's alpha");
    }
}
