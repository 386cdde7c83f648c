using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Statistics;
using SecureBase.Data.Model;

namespace SecureBase.Data.Tests;

public class PersistenceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnAdministrationRoundTripsWithItsResponsesAndScores(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var completed = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.FromHours(-5));
        var id = Guid.NewGuid();
        await using (var db = await database.MigratedContextAsync())
        {
            db.Administrations.Add(new Administration
            {
                Id = id, SubjectId = "subject-1", InstrumentId = "ecr-rs", InstrumentVersion = "1.0.0", TargetId = "partner",
                StartedAt = completed.AddMinutes(-4), CompletedAt = completed,
                Responses = [new() { ItemId = "ecr-rs.1", Value = 2 }, new() { ItemId = "ecr-rs.7", Value = 6 }],
                Scores = [new() { ScaleId = "anxiety", Value = 4.333333333333333, Answered = 3, ItemCount = 3 },
                          new() { ScaleId = "avoidance", Value = null, Answered = 1, ItemCount = 6 }],
            });
            await db.SaveChangesAsync(Ct);
        }

        await using var read = database.NewContext();
        var stored = await read.Administrations.Include(a => a.Responses).Include(a => a.Scores).SingleAsync(a => a.Id == id, Ct);
        Assert.Equal(completed, stored.CompletedAt);
        Assert.Equal("partner", stored.TargetId);
        Assert.Equal([("ecr-rs.1", 2), ("ecr-rs.7", 6)], stored.Responses.OrderBy(r => r.ItemId).Select(r => (r.ItemId, r.Value)));
        Assert.Equal(4.333333333333333, stored.Scores.Single(s => s.ScaleId == "anxiety").Value);
        Assert.Null(stored.Scores.Single(s => s.ScaleId == "avoidance").Value);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdministrationsAreOrderedByCompletionTimeInSql(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var start = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var db = await database.MigratedContextAsync())
        {
            foreach (var (days, offsetHours) in new[] { (30, 2), (0, -8), (90, 0), (60, 11) })
                db.Administrations.Add(new Administration
                {
                    Id = Guid.NewGuid(), SubjectId = "s", InstrumentId = "ecr-r", InstrumentVersion = "1.0.0",
                    StartedAt = start, CompletedAt = start.AddDays(days).ToOffset(TimeSpan.FromHours(offsetHours)),
                });
            await db.SaveChangesAsync(Ct);
        }
        await using var read = database.NewContext();
        var after = start.AddDays(15);
        var times = await read.Administrations.Where(a => a.CompletedAt > after).OrderBy(a => a.CompletedAt).Select(a => a.CompletedAt).ToListAsync(Ct);
        Assert.Equal([start.AddDays(30), start.AddDays(60), start.AddDays(90)], times.Select(t => t!.Value));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANormSetRoundTripsWithItsProvenance(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var set = new NormSet("local-ecr-r", "Local norms (ECR-R)", "ecr-r", NormOrigin.Local, "42 baselines on this server",
            [new NormEntry("anxiety", 3.9, 1.1, 0.91, ReliabilityKind.CronbachAlpha, 42, new PopulationNorm(3.0, 0.8), null)]);
        await using (var db = await database.MigratedContextAsync())
        {
            db.NormSets.Add(StoredNormSet.From(set, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero)));
            await db.SaveChangesAsync(Ct);
        }
        await using var read = database.NewContext();
        var stored = await read.NormSets.Include(n => n.Entries).SingleAsync(Ct);
        Assert.Equal(set.Entries, stored.ToNormSet().Entries);
        Assert.Equal(set with { Entries = [] }, stored.ToNormSet() with { Entries = [] });
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingAnAdministrationDeletesItsResponsesAndScores(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var id = Guid.NewGuid();
        await using (var db = await database.MigratedContextAsync())
        {
            db.Administrations.Add(new Administration
            {
                Id = id, SubjectId = "s", InstrumentId = "rq", InstrumentVersion = "1.0.0", StartedAt = default,
                Responses = [new() { ItemId = "rq.secure", Value = 5 }], Scores = [new() { ScaleId = "secure", Value = 5, Answered = 1, ItemCount = 1 }],
            });
            await db.SaveChangesAsync(Ct);
            await db.Administrations.Where(a => a.Id == id).ExecuteDeleteAsync(Ct);
        }
        await using var read = database.NewContext();
        Assert.Equal(0, await read.ItemResponses.CountAsync(Ct));
        Assert.Equal(0, await read.ScoreValues.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AUsersLogAndExpectationsRoundTripAndGoWithTheUser(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var at = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1));
        var user = new AppUser { Id = Guid.NewGuid().ToString(), UserName = "u@example.org", Email = "u@example.org", TimeZoneId = "Europe/London", CreatedAt = at };
        await using (var db = await database.MigratedContextAsync())
        {
            db.Users.Add(user);
            db.UserKeys.Add(new UserKey { UserId = user.Id, WrappedKey = [1, 2, 3] });
            db.UserSessions.Add(new UserSession { Id = "s1", UserId = user.Id, CreatedAt = at });
            db.ActivationEntries.Add(new ActivationEntry
            {
                Id = Guid.NewGuid(), UserId = user.Id, OccurredAt = at, CreatedAt = at, UpdatedAt = at, Relationship = Core.ActivationLog.Relationship.Work,
                Pull = Core.ActivationLog.Pull.BothOrFrozen, Intensity = 9, Noticed = Core.ActivationLog.Noticed.WithinHours,
                Response = Core.ActivationLog.ResponseChoice.PausedAndChoseNew, NewResponseKind = Core.ActivationLog.NewResponseKind.AskedForSpaceKindly,
                SettledMinutes = 45, EncryptedNote = [9, 8, 7],
            });
            db.ExpectationEntries.Add(new ExpectationEntry
            {
                Id = Guid.NewGuid(), UserId = user.Id, RecordedAt = at, Relationship = Core.ActivationLog.Relationship.Partner,
                ExpectedCarePercent = 30, Outcome = Core.WorkingModel.Outcome.Mixed, OutcomeAt = at.AddHours(3),
            });
            await db.SaveChangesAsync(Ct);
        }

        await using (var read = database.NewContext())
        {
            var entry = await read.ActivationEntries.SingleAsync(Ct);
            Assert.Equal((at, 9, Core.ActivationLog.Noticed.WithinHours, Core.ActivationLog.NewResponseKind.AskedForSpaceKindly, 45),
                (entry.OccurredAt, entry.Intensity, entry.Noticed, entry.NewResponseKind, entry.SettledMinutes.GetValueOrDefault()));
            Assert.Equal([9, 8, 7], entry.EncryptedNote);
            var expectation = await read.ExpectationEntries.SingleAsync(Ct);
            Assert.Equal(new Core.WorkingModel.Expectation(Core.ActivationLog.Relationship.Partner, at, 30, Core.WorkingModel.Outcome.Mixed), expectation.ToExpectation());
            read.Users.Remove(await read.Users.SingleAsync(Ct));
            await read.SaveChangesAsync(Ct);
        }

        await using var after = database.NewContext();
        Assert.Equal(0, await after.ActivationEntries.CountAsync(Ct) + await after.ExpectationEntries.CountAsync(Ct) + await after.UserKeys.CountAsync(Ct) + await after.UserSessions.CountAsync(Ct));
    }
}
