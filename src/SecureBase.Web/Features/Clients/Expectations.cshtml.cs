using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Clients;

// Expectations before vulnerable moments and what happened, and corrective experiences; no free text.
public sealed class ExpectationsModel(AppDbContext db, ClinicalAccess access, Charts.ChartCache charts) : ClientPageModel(db, access)
{
    public const int Shown = 200;

    public override ConsentScope Scope => ConsentScope.Expectations;

    public IReadOnlyList<ExpectationEntry> Entries { get; private set; } = [];
    public Progress.CalibrationView Calibration { get; private set; } = new([], [], "they");

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "Expectations", null) is { } refused) return refused;
        Entries = await Db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == clientId).OrderByDescending(e => e.RecordedAt).Take(Shown)
            .Select(e => new ExpectationEntry { Id = e.Id, UserId = e.UserId, RecordedAt = e.RecordedAt, Relationship = e.Relationship,
                ExpectedCarePercent = e.ExpectedCarePercent, CorrectiveKind = e.CorrectiveKind, Outcome = e.Outcome, OutcomeAt = e.OutcomeAt })
            .ToListAsync(Ct);
        var all = await Db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == clientId && e.ExpectedCarePercent != null)
            .Select(e => new ExpectationEntry { Id = e.Id, UserId = e.UserId, RecordedAt = e.RecordedAt, Relationship = e.Relationship,
                ExpectedCarePercent = e.ExpectedCarePercent, Outcome = e.Outcome, OutcomeAt = e.OutcomeAt })
            .ToListAsync(Ct);
        Calibration = Progress.CalibrationView.Of(charts, all, Zone, "they");
        return Page();
    }
}
