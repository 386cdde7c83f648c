using Microsoft.EntityFrameworkCore;

namespace SecureBase.Data.Tests;

public class MigrationTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MigrationsBringAnEmptyDatabaseToTheCurrentModel(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.MigratedContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    // The drift check: a model change without a migration for each provider fails here.
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryModelChangeHasAMigration(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = database.NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes no migration captures: run scripts/add-migration.sh.");
    }

    // ADR 0002: every migration is added to both sets by one script, under one name.
    [Fact]
    public void BothProvidersHaveTheSameMigrations()
    {
        static string[] Names(string ns) => typeof(AppDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == ns && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        var sqlite = Names("SecureBase.Data.Sqlite.Migrations");
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, Names("SecureBase.Data.Postgres.Migrations"));
    }
}
