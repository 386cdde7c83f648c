using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Data.Tests;

// Which failures mean "the database cannot be used right now" (503, try again) and which stay errors (500).
public sealed class DatabaseFaultsTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "SQLite disk full", new SqliteException("full", 13), true },
        { "SQLite read-only folder", new SqliteException("readonly", 8), true },
        { "SQLite busy past its timeout", new SqliteException("busy", 5), true },
        { "SQLite I/O error", new SqliteException("ioerr", 10), true },
        { "SQLite cannot open", new SqliteException("cantopen", 14), true },
        { "SQLite constraint (a bug or a race, not an outage)", new SqliteException("constraint", 19), false },
        { "SQLite corrupt (not 'try again')", new SqliteException("corrupt", 11), false },
        { "wrapped by EF", new DbUpdateException("save", new SqliteException("full", 13)), true },
        { "connection refused", new Npgsql.NpgsqlException("connect", new System.Net.Sockets.SocketException(111)), true },
        { "a socket alone", new System.Net.Sockets.SocketException(104), true },
        { "no space left", new IOException("No space left on device", 28), true },
        { "an ordinary bug", new InvalidOperationException("bug"), false },
        { "nothing", null!, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsUnavailable(string because, Exception exception, bool unavailable) =>
        Assert.True(DatabaseFaults.IsUnavailable(exception) == unavailable, because);
}
