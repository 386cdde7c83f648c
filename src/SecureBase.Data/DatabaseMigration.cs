using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Data;

public static class DatabaseMigration
{
    // Self-hosted upgrades just work: pending migrations run at start-up, then the durability
    // settings are checked and the process refuses to start if an acknowledged write could be lost.
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
        {
            // The one place a database file is created: run-time connections open it without create.
            var create = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate };
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(create.ToString());
            await connection.OpenAsync(ct);
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var problems = await DurabilityCheck.FindProblemsAsync(db, ct);
        if (problems.Count > 0)
            throw new InvalidOperationException("Refusing to start: the database could lose acknowledged writes. " + string.Join(" ", problems));
    }
}
