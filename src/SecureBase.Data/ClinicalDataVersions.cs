using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SecureBase.Data.Model;

namespace SecureBase.Data;

// Which people a save changes the caseload inputs of, and raising their versions (ADR 0019). Every write
// of moments, administrations and scores goes through SaveChanges, which calls this; a bulk
// ExecuteDelete/ExecuteUpdate on those tables would not, so there is none (AccountErasure deletes a
// person's administrations and version row in bulk, with the account).
public static class ClinicalDataVersions
{
    // The people whose moments, administrations or scores are added, changed or deleted in this save.
    public static HashSet<string> Touched(ChangeTracker tracker, AppDbContext db)
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        var administrations = new HashSet<Guid>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case ActivationEntry moment: people.Add(moment.UserId); break;
                case Administration sitting: people.Add(sitting.SubjectId); break;
                case ScoreValue score: administrations.Add(score.AdministrationId); break;
            }
        }
        // A score saved without its administration: whose it is, from the tracked sitting or the database.
        administrations.ExceptWith(tracker.Entries<Administration>().Where(a => people.Contains(a.Entity.SubjectId)).Select(a => a.Entity.Id));
        if (administrations.Count > 0)
            people.UnionWith(db.Administrations.AsNoTracking().Where(a => administrations.Contains(a.Id)).Select(a => a.SubjectId).ToList());
        return people;
    }

    // Raises each person's version by one (a first change makes it 1), inside the caller's transaction.
    public static async Task RaiseAsync(AppDbContext db, IEnumerable<string> people, CancellationToken ct)
    {
        foreach (var person in people) await db.Database.ExecuteSqlAsync(RaiseOne(person), ct);
    }

    public static void Raise(AppDbContext db, IEnumerable<string> people)
    {
        foreach (var person in people) db.Database.ExecuteSql(RaiseOne(person));
    }

    static FormattableString RaiseOne(string person) =>
        $"""INSERT INTO "ClinicalDataVersions" ("PersonId", "Version") VALUES ({person}, 1) ON CONFLICT ("PersonId") DO UPDATE SET "Version" = "ClinicalDataVersions"."Version" + 1""";
}
