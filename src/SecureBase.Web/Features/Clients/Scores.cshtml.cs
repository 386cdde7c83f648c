using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Core.Statistics;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Charts;
using SecureBase.Web.Features.Encryption;
using SecureBase.Web.Features.Progress;
using SecureBase.Web.Features.Questionnaires;

namespace SecureBase.Web.Features.Clients;

// Questionnaire scores as the client's Progress page shows them, one history per instrument and
// relationship: the plane with its trajectory, each sitting, and the reliable-change verdict since the
// first with its norm set. A named "other" person is one history per person but never named here.
public sealed class ScoresModel(AppDbContext db, ClinicalAccess access, InstrumentCatalog catalog, PersonalText text, ChartCache charts, TimeProvider clock, LocalNormSets localNorms)
    : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.Scores;

    public IReadOnlyList<ScoreTrack> Tracks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "Scores", null) is { } refused) return refused;
        var administrations = await ProgressData.CompletedAdministrationsAsync(Db, clientId, Ct);
        var tracks = new List<ScoreTrack>();
        var normsByPack = new Dictionary<string, NormSet>(StringComparer.Ordinal);
        var others = 0;
        foreach (var group in (await Administrations.TracksAsync(text, administrations, Ct)).OrderBy(g => g.Key.InstrumentId, StringComparer.Ordinal).ThenBy(g => g.Key.TargetId, StringComparer.Ordinal))
        {
            if (catalog.Find(group.Key.InstrumentId) is not { } pack) continue;
            var history = group.OrderBy(a => a.CompletedAt).ToList();
            if (!normsByPack.TryGetValue($"{pack.Id}|{group.Key.TargetId}", out var norms))
                normsByPack[$"{pack.Id}|{group.Key.TargetId}"] = norms = await localNorms.ForAsync(Db, pack, group.Key.TargetId, clock.GetUtcNow(), Ct);
            var since = pack.Subscales.Select(s => ReliableChange.Compare(s.Id, s.Better, history[0].ScoreOf(s.Id), history[^1].ScoreOf(s.Id), norms)).ToList();
            var label = pack.Targets.FirstOrDefault(t => t.Id == group.Key.TargetId)?.Label;
            if (group.Key.Person is not null) label = $"another person ({++others})";   // the client's name for them stays theirs
            var plane = pack.Plane is null ? "" : charts.Plane(Administrations.PlanePath(history, pack.Plane), pack.Scale.Min, pack.Scale.Max);
            tracks.Add(new ScoreTrack(pack, label, history, since, norms, plane));
        }
        Tracks = tracks;
        return Page();
    }
}
