using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Model;

namespace SecureBase.Data.Tests;

// ADR 0019: every save that adds, changes or deletes someone's moments, administrations or scores raises
// that person's version, in the same transaction, and no one else's; other saves raise nothing. The
// caseload trusts figures it kept only while the version stands still, so a write that missed this would
// leave a therapist looking at old figures.
public class ClinicalDataVersionsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<long> VersionOf(TestDatabase database, string person)
    {
        await using var db = database.NewContext();
        return await db.ClinicalDataVersions.Where(v => v.PersonId == person).Select(v => v.Version).FirstOrDefaultAsync(Ct);
    }

    static async Task Save(TestDatabase database, Action<AppDbContext> change)
    {
        await using var db = database.NewContext();
        change(db);
        await db.SaveChangesAsync(Ct);
    }

    static async Task People(TestDatabase database)
    {
        await using var db = await database.MigratedContextAsync();
        db.Users.AddRange(new AppUser { Id = "a", UserName = "a@example.org" }, new AppUser { Id = "b", UserName = "b@example.org" });
        await db.SaveChangesAsync(Ct);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryKindOfChangeToTheInputsRaisesTheirOwnersVersionOnly(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await People(database);
        var at = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.Zero);
        var moment = new ActivationEntry { Id = Guid.NewGuid(), UserId = "a", OccurredAt = at, CreatedAt = at, Intensity = 5 };
        var sitting = Guid.NewGuid();
        var steps = new (string What, Action<AppDbContext> Change, long A, long B)[]
        {
            ("a moment added", db => db.ActivationEntries.Add(moment), 1, 0),
            ("a moment changed", db => { db.ActivationEntries.Attach(moment); moment.Intensity = 7; }, 2, 0),
            ("a sitting begun (other person)", db => db.Administrations.Add(new Administration { Id = sitting, SubjectId = "b", InstrumentId = "ecr-r", InstrumentVersion = "1", StartedAt = at }), 2, 1),
            ("a score added on its own", db => db.ScoreValues.Add(new ScoreValue { AdministrationId = sitting, ScaleId = "anxiety", Value = 3.5 }), 2, 2),
            ("a sitting completed", db => db.Administrations.Single(a => a.Id == sitting).CompletedAt = at, 2, 3),
            ("a score changed", db => db.ScoreValues.Single(s => s.AdministrationId == sitting).Value = 4, 2, 4),
            ("a score deleted", db => db.ScoreValues.Remove(db.ScoreValues.Single(s => s.AdministrationId == sitting)), 2, 5),
            ("a moment deleted", db => db.ActivationEntries.Remove(db.ActivationEntries.Single(e => e.Id == moment.Id)), 3, 5),
            ("a sitting deleted", db => db.Administrations.Remove(db.Administrations.Single(a => a.Id == sitting)), 3, 6),
            ("an unrelated write", db => db.Practices.Add(new Practice { Id = Guid.NewGuid(), Name = "P", TimeZoneId = "Europe/London", CreatedAt = at }), 3, 6),
        };
        foreach (var (what, change, a, b) in steps)
        {
            await Save(database, change);
            Assert.True((a, b) == (await VersionOf(database, "a"), await VersionOf(database, "b")), $"after {what}: expected a={a}, b={b}");
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFailedSaveRaisesNothing(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await People(database);
        var at = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        await Save(database, db => db.ActivationEntries.Add(new ActivationEntry { Id = id, UserId = "a", OccurredAt = at, CreatedAt = at, Intensity = 5 }));
        // The same id again: the save fails, and the version stays where the data is.
        await Assert.ThrowsAsync<DbUpdateException>(() => Save(database, db => db.ActivationEntries.Add(new ActivationEntry { Id = id, UserId = "a", OccurredAt = at, CreatedAt = at, Intensity = 6 })));
        Assert.Equal(1, await VersionOf(database, "a"));
    }
}
