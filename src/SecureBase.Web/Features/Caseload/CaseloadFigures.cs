using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Caseload;

// A completed sitting as the caseload reads it.
public sealed record Sitting(Guid Id, string SubjectId, string InstrumentId, string? TargetId, DateTimeOffset CompletedAt);

// A history's first and latest sittings (one instrument about one target); the same sitting when there is one.
public sealed record History(Sitting First, Sitting Latest);

public sealed record MomentFigure(DateTimeOffset OccurredAt, int Intensity, DateTimeOffset CreatedAt);

// One person's caseload inputs as they were at Version: every completed sitting, each history's ends with
// the subscale scores of those ends, the moments that happened from MomentsSince on, and the last moment ever.
public sealed record PersonFigures(long Version, IReadOnlyList<Sitting> Sittings, IReadOnlyList<History> Histories,
    IReadOnlyList<ScoreValue> EndScores, DateTimeOffset MomentsSince, IReadOnlyList<MomentFigure> Moments, DateTimeOffset? LastMoment);

// The caseload's per-person inputs, kept between views (ADR 0019). Each view reads every person's version in
// one query and rereads, in a few set-based queries, only the people whose version moved since their figures
// were read (or whose moments were read from too late a day). The version is raised in the same transaction
// as every change to those inputs, and read before the inputs, so figures kept at version N are never older
// than the data at N. Who may see which part is still decided per view; this holds data, not decisions.
public sealed class CaseloadFigures
{
    // A bound on memory: a deployment with more people than this in caseloads rereads some of them.
    const int MostPeopleKept = 20_000;

    readonly ConcurrentDictionary<string, PersonFigures> kept = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, PersonFigures>> OfAsync(AppDbContext db, IReadOnlyCollection<string> people, DateTimeOffset momentsSince, CancellationToken ct)
    {
        var result = new Dictionary<string, PersonFigures>(StringComparer.Ordinal);
        if (people.Count == 0) return result;
        var versions = await db.ClinicalDataVersions.AsNoTracking().Where(v => people.Contains(v.PersonId)).ToDictionaryAsync(v => v.PersonId, v => v.Version, ct);
        var stale = new List<string>();
        foreach (var person in people)
            if (kept.TryGetValue(person, out var figures) && figures.Version == versions.GetValueOrDefault(person) && figures.MomentsSince <= momentsSince)
                result[person] = figures;
            else
                stale.Add(person);
        if (stale.Count == 0) return result;
        if (kept.Count > MostPeopleKept) kept.Clear();
        foreach (var (person, figures) in await ReadAsync(db, stale, versions, momentsSince, ct))
        {
            result[person] = figures;
            kept.AddOrUpdate(person, figures, (_, old) => old.Version > figures.Version ? old : figures);
        }
        return result;
    }

    // The people's figures read afresh, in five queries whatever their number.
    static async Task<Dictionary<string, PersonFigures>> ReadAsync(AppDbContext db, List<string> people, Dictionary<string, long> versions, DateTimeOffset since, CancellationToken ct)
    {
        var sittings = (await db.Administrations.AsNoTracking()
            .Where(a => people.Contains(a.SubjectId) && a.CompletedAt != null)
            .Select(a => new Sitting(a.Id, a.SubjectId, a.InstrumentId, a.TargetId, a.CompletedAt!.Value)).ToListAsync(ct))
            .ToLookup(a => a.SubjectId);
        // A history is one instrument about one target; a named "other" person is not one history, so is left out.
        var histories = people.ToDictionary(p => p, p => sittings[p].Where(a => a.TargetId != "other").GroupBy(a => (a.InstrumentId, a.TargetId))
            .Select(t => new History(t.MinBy(a => a.CompletedAt)!, t.MaxBy(a => a.CompletedAt)!)).ToList(), StringComparer.Ordinal);
        var endIds = histories.Values.SelectMany(h => h).SelectMany(h => new[] { h.First.Id, h.Latest.Id }).Distinct().ToList();
        var scores = (await db.ScoreValues.AsNoTracking().Where(s => endIds.Contains(s.AdministrationId) && !s.IsComposite).ToListAsync(ct))
            .ToLookup(s => s.AdministrationId);

        var moments = (await db.ActivationEntries.AsNoTracking().Where(e => people.Contains(e.UserId) && e.OccurredAt >= since)
            .Select(e => new { e.UserId, Moment = new MomentFigure(e.OccurredAt, e.Intensity, e.CreatedAt) }).ToListAsync(ct))
            .ToLookup(e => e.UserId, e => e.Moment);
        // The last moment: from the recent ones when there are any; the index only for those silent since then.
        var lastMoments = moments.ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Max(m => m.OccurredAt), StringComparer.Ordinal);
        var silent = people.Where(p => !lastMoments.ContainsKey(p)).ToList();
        if (silent.Count > 0)
            // One index seek per person (a GROUP BY read every entry of every silent person).
            foreach (var last in await db.Users.AsNoTracking().Where(u => silent.Contains(u.Id))
                         .Select(u => new { u.Id, Last = db.ActivationEntries.Where(e => e.UserId == u.Id).Max(e => (DateTimeOffset?)e.OccurredAt) })
                         .ToListAsync(ct))
                lastMoments[last.Id] = last.Last;

        return people.ToDictionary(p => p, p => new PersonFigures(versions.GetValueOrDefault(p), sittings[p].ToList(), histories[p],
            histories[p].SelectMany(h => scores[h.First.Id].Concat(h.First.Id == h.Latest.Id ? [] : scores[h.Latest.Id])).ToList(),
            since, moments[p].ToList(), lastMoments.GetValueOrDefault(p)), StringComparer.Ordinal);
    }
}
