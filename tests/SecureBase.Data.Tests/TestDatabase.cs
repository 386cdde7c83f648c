using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Postgres;
using SecureBase.Data.Sqlite;

namespace SecureBase.Data.Tests;

// A throwaway database per test: a temp SQLite file, or a fresh database on the PostgreSQL server
// named by SECUREBASE_TEST_POSTGRES (the test script always starts one; elsewhere the row is skipped).
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SECUREBASE_TEST_POSTGRES";

    private readonly string? _sqlitePath;

    private TestDatabase(string provider, string connectionString, string? sqlitePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    public static TestDatabase Create(string provider)
    {
        if (provider == "Sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"securebase-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={path}", path);
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(server), $"{PostgresVariable} is not set; scripts/test sets it.");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"sb_test_{Guid.NewGuid():N}" };
        return new TestDatabase(provider, builder.ConnectionString, null);
    }

    public AppDbContext NewContext() => Provider == "Sqlite"
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).AddInterceptors(new SqliteDurability()).Options)
        : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options);

    public async Task<AppDbContext> MigratedContextAsync()
    {
        var db = NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();   // release the file before deleting it
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_sqlitePath + suffix);
            return;
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var db = NewContext();
        await db.Database.EnsureDeletedAsync();   // drop the throwaway database
    }
}
