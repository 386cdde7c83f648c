using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Data.Tests;

public class DurabilityTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static ServiceProvider Services(TestDatabase database) =>
        new ServiceCollection().AddSecureBaseData(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:SecureBase"] = database.ConnectionString,
        }).Build()).BuildServiceProvider();

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StartUpMigratesAndLeavesADurableDatabase(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using (var services = Services(database))
            await services.MigrateDatabaseAsync(Ct);

        await using var db = database.NewContext();
        Assert.Empty(await DurabilityCheck.FindProblemsAsync(db, Ct));
    }

    [Fact]
    public async Task SqliteRunsInWalModeWithSynchronousFullOnEveryConnection()
    {
        await using var database = TestDatabase.Create("Sqlite");
        await using (var services = Services(database))
            await services.MigrateDatabaseAsync(Ct);

        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task TheCheckNamesAnUnsafeSetting()
    {
        await using var database = TestDatabase.Create("Sqlite");
        await using var db = await database.MigratedContextAsync();
        await db.Database.OpenConnectionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE", Ct);   // a file someone switched back
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF", Ct);

        var problems = await DurabilityCheck.FindProblemsAsync(db, Ct);
        Assert.True(problems.Count == 2, string.Join(" | ", problems));
        Assert.Contains(problems, p => p.Contains("journal_mode", StringComparison.Ordinal) && p.Contains("'wal'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("synchronous", StringComparison.Ordinal) && p.Contains("'0'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownProviderIsAClearError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSecureBaseData(configuration));
        Assert.Contains("Oracle", error.Message, StringComparison.Ordinal);
    }
}
