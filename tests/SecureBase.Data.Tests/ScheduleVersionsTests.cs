using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Accounts;
using SecureBase.Data.Model;

namespace SecureBase.Data.Tests;

// ADR 0025: every save that adds, changes or deletes a therapist's series, a change to one of its
// occurrences or a one-off session raises that therapist's diary version, in the same transaction, and no
// one else's; a client's erasure (bulk deletes) raises the versions of the therapists who lose sessions.
// The caseload keeps a diary only while its version stands still, so a write that missed this would show
// a therapist old attendance or a next session that was moved.
public class ScheduleVersionsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<long> VersionOf(TestDatabase database, string therapist)
    {
        await using var db = database.NewContext();
        return await db.ScheduleVersions.Where(v => v.TherapistId == therapist).Select(v => v.Version).FirstOrDefaultAsync(Ct);
    }

    static async Task Save(TestDatabase database, Action<AppDbContext> change)
    {
        await using var db = database.NewContext();
        change(db);
        await db.SaveChangesAsync(Ct);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryKindOfChangeToADiaryRaisesItsTherapistsVersionOnly(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var at = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.Zero);
        var practice = new Practice { Id = Guid.NewGuid(), Name = "P", TimeZoneId = "Europe/London", CreatedAt = at };
        await using (var db = await database.MigratedContextAsync())
        {
            db.Users.AddRange(new AppUser { Id = "t", UserName = "t@example.org" }, new AppUser { Id = "u", UserName = "u@example.org" },
                new AppUser { Id = "c", UserName = "c@example.org", Email = "c@example.org" });
            db.Practices.Add(practice);
            await db.SaveChangesAsync(Ct);
        }
        var series = new SeriesRow { Id = Guid.NewGuid(), PracticeId = practice.Id, TherapistId = "t", ClientId = "c", ClientEmail = "c@example.org", ClientName = "C",
            Day = 1, Time = new TimeOnly(9, 0), LengthMinutes = 50, TimeZoneId = "Europe/London", StartDate = new DateOnly(2026, 3, 2), CreatedAt = at };
        var oneOff = new OneOffSession { Id = Guid.NewGuid(), PracticeId = practice.Id, TherapistId = "u", ClientId = "c", ClientEmail = "c@example.org", ClientName = "C",
            Start = at.AddDays(3), End = at.AddDays(3).AddMinutes(50), CreatedAt = at };
        var steps = new (string What, Action<AppDbContext> Change, long T, long U)[]
        {
            ("a series added", db => db.StandingSeries.Add(series), 1, 0),
            ("an occurrence changed, saved without its series", db => db.OccurrenceChanges.Add(new OccurrenceChange { SeriesId = series.Id, OriginalDate = new DateOnly(2026, 3, 9), PracticeId = practice.Id, Cancelled = true }), 2, 0),
            ("an occurrence's attendance marked", db => db.OccurrenceChanges.Single().Attendance = SessionAttendance.Attended, 3, 0),
            ("a one-off added (other therapist)", db => db.OneOffSessions.Add(oneOff), 3, 1),
            ("a one-off's attendance marked", db => db.OneOffSessions.Single().Attendance = SessionAttendance.NoShow, 3, 2),
            ("a series ended", db => db.StandingSeries.Single().Until = new DateOnly(2026, 6, 1), 4, 2),
            ("an occurrence change deleted", db => db.OccurrenceChanges.Remove(db.OccurrenceChanges.Single()), 5, 2),
            ("an unrelated write", db => db.Practices.Add(new Practice { Id = Guid.NewGuid(), Name = "Q", TimeZoneId = "Europe/London", CreatedAt = at }), 5, 2),
        };
        foreach (var (what, change, t, u) in steps)
        {
            await Save(database, change);
            Assert.True((t, u) == (await VersionOf(database, "t"), await VersionOf(database, "u")), $"after {what}: expected t={t}, u={u}");
        }

        // The client erases their account: both therapists lose sessions, in bulk.
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await SchedulingErasure.ForgetClientAsync(db, "c", "c@example.org", Ct);
            await transaction.CommitAsync(Ct);
        }
        Assert.Equal((6, 3), (await VersionOf(database, "t"), await VersionOf(database, "u")));
    }
}
