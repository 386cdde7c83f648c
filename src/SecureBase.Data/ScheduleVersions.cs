using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SecureBase.Data.Model;

namespace SecureBase.Data;

// Which therapists a save changes the diary of, and raising their versions (ADR 0025). Series, changes to
// occurrences and one-off sessions written through SaveChanges are found here; the three bulk updates of
// those tables (a client's erasure, sessions claimed on accepting an invitation, a one-off's attendance)
// raise the version themselves, in the same transaction.
public static class ScheduleVersions
{
    // The therapists whose series, occurrence changes or one-off sessions are added, changed or deleted in this save.
    public static HashSet<string> Touched(ChangeTracker tracker, AppDbContext db)
    {
        var therapists = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<Guid>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case SeriesRow row: therapists.Add(row.TherapistId); break;
                case OneOffSession session: therapists.Add(session.TherapistId); break;
                case OccurrenceChange change: series.Add(change.SeriesId); break;
            }
        }
        // A change saved without its series: whose series it is, from the tracked row or the database.
        foreach (var row in tracker.Entries<SeriesRow>().Where(r => series.Contains(r.Entity.Id)).ToList())
        {
            therapists.Add(row.Entity.TherapistId);
            series.Remove(row.Entity.Id);
        }
        if (series.Count > 0)
            therapists.UnionWith(db.StandingSeries.AsNoTracking().Where(s => series.Contains(s.Id)).Select(s => s.TherapistId).ToList());
        return therapists;
    }

    // Raises each therapist's version by one (a first change makes it 1), inside the caller's transaction.
    public static async Task RaiseAsync(AppDbContext db, IEnumerable<string> therapists, CancellationToken ct)
    {
        foreach (var therapist in therapists.Distinct(StringComparer.Ordinal)) await db.Database.ExecuteSqlAsync(RaiseOne(therapist), ct);
    }

    public static void Raise(AppDbContext db, IEnumerable<string> therapists)
    {
        foreach (var therapist in therapists.Distinct(StringComparer.Ordinal)) db.Database.ExecuteSql(RaiseOne(therapist));
    }

    static FormattableString RaiseOne(string therapist) =>
        $"""INSERT INTO "ScheduleVersions" ("TherapistId", "Version") VALUES ({therapist}, 1) ON CONFLICT ("TherapistId") DO UPDATE SET "Version" = "ScheduleVersions"."Version" + 1""";
}
