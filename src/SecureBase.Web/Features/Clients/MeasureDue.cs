using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Measures;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Clients;

// One scheduled measure of a client and where it stands today, on the client's clock.
public sealed record ScheduledMeasure(MeasureScheduleRow Row, DueMeasure State);

// Reads a client's measure schedules (from their relationships in force) and their completions, and asks Core.
public static class MeasureDue
{
    public static MeasureRule ToCore(MeasureScheduleRow row) =>
        new(row.InstrumentId, row.TargetId, row.AtIntake, row.EveryWeeks, LocalDate.FromDateOnly(row.Since));

    public static async Task<IReadOnlyList<ScheduledMeasure>> ForClientAsync(AppDbContext db, string clientId, Guid? relationshipId, DateTimeZone zone, Instant now, CancellationToken ct)
    {
        var rows = await (from m in db.MeasureSchedules.AsNoTracking()
                          join r in db.CareRelationships on m.RelationshipId equals r.Id
                          where r.ClientId == clientId && r.EndedAt == null && (relationshipId == null || r.Id == relationshipId)
                          select m).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var completions = await db.Administrations.AsNoTracking()
            .Where(a => a.SubjectId == clientId && a.CompletedAt != null)
            .Select(a => new { a.InstrumentId, a.TargetId, a.CompletedAt }).ToListAsync(ct);
        return rows.Select(row => new ScheduledMeasure(row, MeasureSchedules.StateOf(ToCore(row),
                completions.Where(c => c.InstrumentId == row.InstrumentId && c.TargetId == row.TargetId).Select(c => Instant.FromDateTimeOffset(c.CompletedAt!.Value)),
                now, zone)))
            .OrderBy(m => m.Row.InstrumentId, StringComparer.Ordinal).ThenBy(m => m.Row.TargetId, StringComparer.Ordinal).ToList();
    }

    // What the client is asked for now, each questionnaire once (two therapists may schedule the same one).
    public static async Task<IReadOnlyList<ScheduledMeasure>> DueNowAsync(AppDbContext db, string clientId, DateTimeZone zone, Instant now, CancellationToken ct) =>
        (await ForClientAsync(db, clientId, null, zone, now, ct))
            .Where(m => m.State.State != DueState.NotDue).DistinctBy(m => (m.Row.InstrumentId, m.Row.TargetId)).ToList();
}
