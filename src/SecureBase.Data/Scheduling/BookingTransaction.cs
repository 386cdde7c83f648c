using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SecureBase.Data.Postgres;

namespace SecureBase.Data.Scheduling;

// Every change to a therapist's bookings runs in one of these: on SQLite a write transaction taken at
// its start (BEGIN IMMEDIATE), so bookings are serialised; on PostgreSQL a transaction that first takes
// a lock on the therapist (pg_advisory_xact_lock), so two bookings for one therapist never interleave.
// Whatever the application checked, the TimeClaims key refuses an overlapping commit on both. ADR 0012.
public static class BookingTransaction
{
    public static async Task<T> RunAsync<T>(AppDbContext db, string therapistId, Func<Task<T>> work, CancellationToken ct)
    {
        if (db is PostgresAppDbContext)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({therapistId}))", ct);
            var result = await work();
            await transaction.CommitAsync(ct);
            return result;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var immediate = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: false);   // BEGIN IMMEDIATE
            await db.Database.UseTransactionAsync(immediate, ct);
            var result = await work();
            await immediate.CommitAsync(ct);
            return result;
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, ct);
            await db.Database.CloseConnectionAsync();
        }
    }

    // Whether a failed save broke a unique key (a claim someone else holds), rather than anything else.
    public static bool IsTakenClaim(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,   // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
