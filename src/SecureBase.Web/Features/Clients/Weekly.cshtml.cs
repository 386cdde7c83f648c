using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Sharing;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Progress;

namespace SecureBase.Web.Features.Clients;

// Weekly metrics of the client's log, in the client's own weeks (their time zone), newest first.
public sealed class WeeklyModel(AppDbContext db, ClinicalAccess access, TimeProvider clock) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.WeeklyMetrics;

    public IReadOnlyList<WeekMetrics> Weeks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "WeeklyMetrics", null) is { } refused) return refused;
        var zoneId = await Db.Users.Where(u => u.Id == clientId).Select(u => u.TimeZoneId).FirstAsync(Ct);
        var activations = await ProgressData.ActivationsAsync(Db, clientId, Ct);
        Weeks = WeeklyMetrics.Compute(activations, Zones.Find(zoneId) ?? NodaTime.DateTimeZone.Utc, clock.GetUtcNow()).Reverse().ToList();
        return Page();
    }
}
