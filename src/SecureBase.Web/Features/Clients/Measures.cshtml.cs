using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Measures;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Clients;

// Which questionnaires this client is asked to take and how often, and where each stands (due, overdue,
// missed). Part of the Scores scope: whether someone took a questionnaire is their data too.
public sealed class MeasuresModel(AppDbContext db, ClinicalAccess access, InstrumentCatalog catalog, TimeProvider clock) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.Scores;

    public IReadOnlyList<ScheduledMeasure> Measures { get; private set; } = [];
    public InstrumentCatalog Catalog => catalog;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "Measures", null) is { } refused) return refused;
        await LoadAsync(clientId);
        Message = Request.Query["done"].ToString() switch
        {
            "saved" => "Saved. The client sees what is due on their questionnaires page.",
            "removed" => "Removed.",
            _ => null,
        };
        return Page();
    }

    // Adds a rule, or replaces the rule for that questionnaire (counted from today).
    public async Task<IActionResult> OnPostSaveAsync(string clientId, string? instrument, string? target, bool atIntake, int? everyWeeks)
    {
        if (await GuardAsync(clientId, "Measures", null) is { } refused) return refused;
        var pack = instrument is null ? null : catalog.Find(instrument);
        if (pack is null) return await FailAsync(clientId, "Choose a questionnaire from the list.");
        if (pack.Targets.Count > 0 ? !pack.Targets.Any(t => t.Id == target) || target == "other" : target is not null and not "")
            return await FailAsync(clientId, $"Choose whom the {pack.ShortTitle} is about (a named other person cannot be scheduled).");
        if (everyWeeks is < 1 or > 104) return await FailAsync(clientId, "Repeat every 1 to 104 weeks, or leave it empty for once.");
        if (!atIntake && everyWeeks is null) return await FailAsync(clientId, "Ask for it now, or every few weeks, or both.");
        var relationship = await RelationshipAsync(clientId);
        var targetId = pack.Targets.Count > 0 ? target : null;
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone).Date.ToDateOnly();
        var row = await Db.MeasureSchedules.FirstOrDefaultAsync(m => m.RelationshipId == relationship.Id && m.InstrumentId == pack.Id && m.TargetId == targetId, Ct);
        if (row is null)
        {
            row = new MeasureScheduleRow { Id = Guid.NewGuid(), PracticeId = relationship.PracticeId, RelationshipId = relationship.Id, InstrumentId = pack.Id, TargetId = targetId };
            Db.MeasureSchedules.Add(row);
        }
        (row.AtIntake, row.EveryWeeks, row.Since, row.SetAt) = (atIntake, everyWeeks, today, clock.GetUtcNow());
        await Db.SaveChangesAsync(Ct);
        return Redirect($"/Clients/{Uri.EscapeDataString(clientId)}/Measures?done=saved");
    }

    // The defaults for a new client (Core MeasureSchedules.Defaults), for any questionnaire not yet scheduled.
    public async Task<IActionResult> OnPostDefaultsAsync(string clientId)
    {
        if (await GuardAsync(clientId, "Measures", null) is { } refused) return refused;
        var relationship = await RelationshipAsync(clientId);
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone).Date;
        var existing = await Db.MeasureSchedules.Where(m => m.RelationshipId == relationship.Id).Select(m => new { m.InstrumentId, m.TargetId }).ToListAsync(Ct);
        foreach (var rule in MeasureSchedules.Defaults(today).Where(r => !existing.Any(e => e.InstrumentId == r.InstrumentId && e.TargetId == r.TargetId)))
            Db.MeasureSchedules.Add(new MeasureScheduleRow
            {
                Id = Guid.NewGuid(), PracticeId = relationship.PracticeId, RelationshipId = relationship.Id, InstrumentId = rule.InstrumentId, TargetId = rule.TargetId,
                AtIntake = rule.AtIntake, EveryWeeks = rule.EveryWeeks, Since = today.ToDateOnly(), SetAt = clock.GetUtcNow(),
            });
        await Db.SaveChangesAsync(Ct);
        return Redirect($"/Clients/{Uri.EscapeDataString(clientId)}/Measures?done=saved");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string clientId, Guid scheduleId)
    {
        if (await GuardAsync(clientId, "Measures", null) is { } refused) return refused;
        var relationship = await RelationshipAsync(clientId);
        var removed = await Db.MeasureSchedules.Where(m => m.Id == scheduleId && m.RelationshipId == relationship.Id).ExecuteDeleteAsync(Ct);
        return removed == 0 ? NotFound() : Redirect($"/Clients/{Uri.EscapeDataString(clientId)}/Measures?done=removed");
    }

    Task<CareRelationshipRow> RelationshipAsync(string clientId)
    {
        var therapistId = User.Id();
        return Db.CareRelationships.FirstAsync(r => r.TherapistId == therapistId && r.ClientId == clientId && r.EndedAt == null, Ct);
    }

    async Task<IActionResult> FailAsync(string clientId, string problem)
    {
        ModelState.AddModelError("", problem);
        await LoadAsync(clientId);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    async Task LoadAsync(string clientId)
    {
        var relationship = await RelationshipAsync(clientId);
        Measures = await MeasureDue.ForClientAsync(Db, clientId, relationship.Id, Zone, Instant.FromDateTimeOffset(clock.GetUtcNow()), Ct);
    }
}
