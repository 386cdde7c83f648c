using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecureBase.Data.Sqlite;

// synchronous is a per-connection setting, so every pooled connection gets it as it opens.
// WAL + synchronous=FULL: an acknowledged commit survives power loss (sqlite.org/pragma.html#pragma_synchronous).
public sealed class SqliteDurability : DbConnectionInterceptor
{
    // secure_delete: deleted rows are overwritten, so an erased account leaves no readable remnants in the file.
    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON; PRAGMA cache_size=-32000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
