using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecureBase.Data;

/// <summary>
/// Whether an exception means the database cannot be used right now (goal G22): the server unreachable or
/// shutting down, the disk full, the data folder read-only, SQLite busy past its timeout. Such a request
/// answers 503 with a generic page and Retry-After, and its write was not saved; anything else stays a 500.
/// Codes: sqlite.org/rescode.html; PostgreSQL appendix A (classes 08, 53, 57P, 25006).
/// </summary>
public static class DatabaseFaults
{
    // SQLITE_BUSY, LOCKED, READONLY, IOERR, CORRUPT is not here (that is not "try again later"), FULL, CANTOPEN, PROTOCOL.
    static readonly HashSet<int> SqliteUnavailable = [5, 6, 8, 10, 13, 14, 15];

    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode):
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                                     || postgres.SqlState == "25006":
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case System.Net.Sockets.SocketException:
                case IOException { HResult: 28 or unchecked((int)0x80070070) }:   // ENOSPC, or ERROR_DISK_FULL
                    return true;
            }
        return false;
    }

    /// <summary>
    /// The status a failed request answers with (503 when <see cref="IsUnavailable"/>, else 500), after undoing
    /// what would keep the fault after it ends: SQLite opens a connection read-only when its folder is read-only
    /// at that moment, and a pooled connection stays so; a read-only or unopenable file drops the pool, so the
    /// next request opens afresh (a test turns the folder read-only and back, and writes resume).
    /// </summary>
    public static int StatusFor(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: 8 or 14 })
            {
                SqliteConnection.ClearAllPools();
                break;
            }
        return IsUnavailable(exception) ? 503 : 500;
    }
}
