using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Progress;
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
    public const int WeeksPerPage = 26;
    public const int TimelinePerPage = 30;

    public static readonly IReadOnlyList<(string Key, ProgressPeriod Period, string Label)> Periods =
        [("3m", ProgressPeriod.ThreeMonths, "3 months"), ("6m", ProgressPeriod.SixMonths, "6 months"), ("1y", ProgressPeriod.OneYear, "1 year"), ("all", ProgressPeriod.Everything, "Everything")];

    public string PeriodKey { get; private set; } = "6m";
    public string PeriodLabel { get; private set; } = "6 months";
    public string? Problem { get; private set; }
    public IReadOnlyList<ChangeLine> Changes { get; private set; } = [];
    public IReadOnlyList<ScoreTrack> Tracks { get; private set; } = [];
    public IReadOnlyList<WeekMetrics> Weeks { get; private set; } = [];
    public IReadOnlyList<WeekMetrics> WeeksOnThisPage { get; private set; } = [];
    public int WeeksPage { get; private set; } = 1;
    public int WeeksPages { get; private set; } = 1;
    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];
    public DateTimeOffset? TimelineBefore { get; private set; }
    public DateTimeOffset? OlderTimeline { get; private set; }
    public string? FrequencySvg { get; private set; }
    public string? SharesSvg { get; private set; }
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;
    public CalibrationView CalibrationView { get; private set; } = new([], [], "you");

    // Only the chosen period is read and drawn (issue 11: five years must not make the page slow or long);
    // the questionnaire history is read whole, as it is a few sittings a year and the period's baseline may precede it.
    public async Task OnGetAsync(string? period, int? weeks, string? before)
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        Zone = await TimeZones.OfAsync(users, User);
        var chosen = ReadQuery(period, weeks, before);
        var start = Start = ProgressPeriods.StartOf(chosen, now, Zone);

        var administrations = await ProgressData.CompletedAdministrationsAsync(db, User.Id(), ct);
        Tracks = await TracksAsync(administrations, ct);

        // Three weeks before the period too, so the first shown week's four-week pooled share is whole.
        var activations = await ProgressData.ActivationsAsync(db, User.Id(), ct, start?.Instant.AddDays(-22));
        var all = WeeklyMetrics.Compute(activations, Zone, now);
        Weeks = all.Where(w => start is null || w.WeekStart >= start.FirstWeek).ToList();
        if (Weeks.Count > 0) (FrequencySvg, SharesSvg) = WeeklyView.ChartsOf(charts, all, start?.FirstWeek);
        WeeksPages = Math.Max(1, (Weeks.Count + WeeksPerPage - 1) / WeeksPerPage);
        WeeksPage = Math.Min(WeeksPage, WeeksPages);
        WeeksOnThisPage = Weeks.Reverse().Skip((WeeksPage - 1) * WeeksPerPage).Take(WeeksPerPage).ToList();

        var expectations = await db.ExpectationEntries.AsNoTracking()
            .Where(e => e.UserId == User.Id() && e.ExpectedCarePercent != null && (start == null || e.RecordedAt >= start.Instant)).ToListAsync(ct);
        CalibrationView = CalibrationView.Of(charts, expectations, Zone, "you");

        var ecrR = administrations.Where(a => a.InstrumentId == "ecr-r")
            .Select(a => new EcrSitting(a.CompletedAt!.Value, a.ScoreOf("anxiety"), a.ScoreOf("avoidance"))).ToList();
        var ecrNorms = Tracks.FirstOrDefault(t => t.Pack.Id == "ecr-r")?.Norms;
        Changes = ChangeSummary.Of(Weeks, Calibration.GapByMonth(expectations.Select(e => e.ToExpectation()!), Zone), ecrR, ecrNorms, start?.Instant)
            .Select(ChangeWords.Of).ToList();

        var page = await ProgressData.TimelineAsync(db, User.Id(), administrations, TimelinePerPage, TimelineBefore, ct);
        Timeline = page.Take(TimelinePerPage).ToList();
        OlderTimeline = page.Count > TimelinePerPage ? Timeline[^1].When : null;
    }

    // A period, page or cursor that cannot be read is named and the page shown as if it were absent: a link
    // typed or cut short must not be a 500 or an empty page.
    ProgressPeriod ReadQuery(string? period, int? weeks, string? before)
    {
        var problems = new List<string>();
        var chosen = Periods.FirstOrDefault(p => p.Key == (period ?? "6m"));
        if (chosen.Key is null)
        {
            problems.Add($"There is no period \"{Truncated(period!)}\"; the choices are 3 months, 6 months, 1 year and everything.");
            chosen = Periods[1];
        }
        (PeriodKey, PeriodLabel) = (chosen.Key, chosen.Label);
        if (weeks is { } n && n < 1) problems.Add("Week pages start at 1.");
        else if (weeks is { } w) WeeksPage = w;
        if (!string.IsNullOrEmpty(before))
        {
            if (DateTimeOffset.TryParse(before, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var instant))
                TimelineBefore = instant;
            else problems.Add("The timeline link was cut short; it starts again from the newest.");
        }
        if (!ModelState.IsValid) problems.Add("A week page is a whole number from 1 to the number of pages; this link's was not, so the newest is shown.");
        if (problems.Count > 0) Problem = string.Join(" ", problems);
        return chosen.Period;
    }

    PeriodStart? Start { get; set; }

    // A sitting the period's table lists: those in the period, and the one before it that the period is compared with.
    public bool ShowsSitting(Administration a) => Start is null || a.CompletedAt >= Start.Instant
        || Tracks.Any(t => t.History.Contains(a) && t.History.LastOrDefault(h => h.CompletedAt <= Start.Instant) == a);

    // At most 20 characters, control characters shown as "?" (a "%00" came back as an unreadable box).
    static string Truncated(string text)
    {
        var shown = new string(text.Take(20).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 20 ? shown + "…" : shown;
    }

    public string LinkTo(string? period = null, int? weeks = null, DateTimeOffset? before = null)
    {
        var query = new List<string>();
        if ((period ?? PeriodKey) is var p and not "6m") query.Add($"period={p}");
        if (weeks is > 1) query.Add($"weeks={weeks}");
        if (before is { } b) query.Add($"before={Uri.EscapeDataString(b.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        return "/Progress" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
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
