using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Core.WorkingModel;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Charts;
using SecureBase.Web.Features.Encryption;
using SecureBase.Web.Features.Questionnaires;

namespace SecureBase.Web.Features.Progress;

public sealed record ScoreTrack(InstrumentPack Pack, string? TargetLabel, IReadOnlyList<Administration> History, IReadOnlyList<ReliableChangeResult> SinceFirst, NormSet Norms, string PlaneSvg)
{
    public IReadOnlyList<OwnTrend> OwnTrends { get; } = OwnTrend.Of(Pack, History);
}

public sealed record MetricTrend(string Name, TrendResult Trend, Better Better, string Unit);

public sealed class IndexModel(AppDbContext db, InstrumentCatalog catalog, TimeProvider clock, UserManager<AppUser> users, ChartCache charts, PersonalText text, Questionnaires.LocalNormSets localNorms) : PageModel
{
    public IReadOnlyList<ScoreTrack> Tracks { get; private set; } = [];
    public IReadOnlyList<WeekMetrics> Weeks { get; private set; } = [];
    public IReadOnlyList<MetricTrend> Trends { get; private set; } = [];
    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];
    public string? FrequencySvg { get; private set; }
    public string? SharesSvg { get; private set; }
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;
    public CalibrationView CalibrationView { get; private set; } = new([], [], "you");

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Zone = await TimeZones.OfAsync(users, User);
        var administrations = await ProgressData.CompletedAdministrationsAsync(db, User.Id(), ct);
        Tracks = await TracksAsync(administrations, ct);
        Weeks = WeeklyMetrics.Compute(await ProgressData.ActivationsAsync(db, User.Id(), ct), Zone, clock.GetUtcNow());
        Trends = WeeklyView.TrendsOf(Weeks);
        if (Weeks.Count > 0) (FrequencySvg, SharesSvg) = WeeklyView.ChartsOf(charts, Weeks);
        Timeline = await ProgressData.TimelineAsync(db, User.Id(), administrations, 30, ct);
        var expectations = await db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == User.Id() && e.ExpectedCarePercent != null).ToListAsync(ct);
        CalibrationView = CalibrationView.Of(charts, expectations, Zone, "you");
    }

    async Task<List<ScoreTrack>> TracksAsync(List<Administration> administrations, CancellationToken ct)
    {
        var tracks = new List<ScoreTrack>();
        var normsByPack = new Dictionary<string, NormSet>(StringComparer.Ordinal);   // one computation per instrument, not per relationship
        foreach (var group in await Administrations.TracksAsync(text, administrations, ct))
        {
            if (catalog.Find(group.Key.InstrumentId) is not { Plane: not null } pack) continue;
            var history = group.OrderBy(a => a.CompletedAt).ToList();
            if (!normsByPack.TryGetValue($"{pack.Id}|{group.Key.TargetId}", out var norms))
                normsByPack[$"{pack.Id}|{group.Key.TargetId}"] = norms = await localNorms.ForAsync(db, pack, group.Key.TargetId, clock.GetUtcNow(), ct);
            var since = pack.Subscales.Select(s => ReliableChange.Compare(s.Id, s.Better,
                history[0].ScoreOf(s.Id), history[^1].ScoreOf(s.Id), norms)).ToList();
            var path = Administrations.PlanePath(history, pack.Plane);
            tracks.Add(new ScoreTrack(pack, await Administrations.TargetAsync(text, pack, history[^1], ct), history, since, norms,
                charts.Plane(path, pack.Scale.Min, pack.Scale.Max)));
        }
        return tracks;
    }
}
