using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SecureBase.Data;

public static class DurabilityCheck
{
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(AppDbContext db, CancellationToken ct)
    {
        var expected = db.Database.IsSqlite()
            ? new Dictionary<string, string> { ["PRAGMA journal_mode"] = "wal", ["PRAGMA synchronous"] = "2" }
            : new Dictionary<string, string> { ["SHOW fsync"] = "on", ["SHOW synchronous_commit"] = "on", ["SHOW full_page_writes"] = "on" };
        var problems = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var (query, want) in expected)
            {
                var actual = await ScalarAsync(connection, query, ct);
                if (!string.Equals(actual, want, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"'{query}' is '{actual}', expected '{want}'.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return problems;
    }

    static async Task<string?> ScalarAsync(DbConnection connection, string query, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
