using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Sharing;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Charts;
using SecureBase.Web.Features.Progress;

namespace SecureBase.Web.Features.Clients;

// Weekly metrics of the client's log, in the client's own weeks (their time zone): the same trends and
// charts as the client's own Progress page, then the table, newest first.
public sealed class WeeklyModel(AppDbContext db, ClinicalAccess access, TimeProvider clock, ChartCache charts) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.WeeklyMetrics;

    public IReadOnlyList<WeekMetrics> Weeks { get; private set; } = [];
    public IReadOnlyList<MetricTrend> Trends { get; private set; } = [];
    public string? FrequencySvg { get; private set; }
    public string? SharesSvg { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "WeeklyMetrics", null) is { } refused) return refused;
        var zoneId = await Db.Users.Where(u => u.Id == clientId).Select(u => u.TimeZoneId).FirstAsync(Ct);
        var activations = await ProgressData.ActivationsAsync(Db, clientId, Ct);
        var weeks = WeeklyMetrics.Compute(activations, Zones.Find(zoneId) ?? NodaTime.DateTimeZone.Utc, clock.GetUtcNow());
        Trends = WeeklyView.TrendsOf(weeks);
        if (weeks.Count > 0) (FrequencySvg, SharesSvg) = WeeklyView.ChartsOf(charts, weeks);
        Weeks = weeks.Reverse().ToList();
        return Page();
    }
}
