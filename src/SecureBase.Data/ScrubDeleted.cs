using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SecureBase.Data;

// After a deletion a person asked for, nothing of theirs may stay readable in the data folder.
// SQLite overwrites deleted rows in the database file (secure_delete), but the write-ahead log still
// holds earlier copies of the pages until it is checkpointed: checkpoint it and truncate it to zero
// bytes. PostgreSQL keeps dead rows until VACUUM reclaims them (README, "Deleting data").
public static class ScrubDeleted
{
    /// <summary>
    /// Deletes one row a person asked to delete: through SaveChanges (so cascades and their caseload version
    /// follow, ADR 0019), then scrubbed from the log. False when it was gone already (deleted in another tab).
    /// </summary>
    public static async Task<bool> DeleteForGoodAsync<T>(this AppDbContext db, T row, CancellationToken ct) where T : class
    {
        db.Remove(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await db.Database.ScrubDeletedAsync(ct);
        return true;
    }

    public static async Task ScrubDeletedAsync(this DatabaseFacade database, CancellationToken ct)
    {
        if (!database.IsSqlite()) return;
        var connection = database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                // One row: busy, frames in the log, frames checkpointed; busy = 1 while a reader still needs the log.
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct) && reader.GetInt32(0) == 0) return;
                await Task.Delay(20, ct);
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
        throw new InvalidOperationException("The write-ahead log could not be checkpointed after a deletion; it will be on the next one.");
    }
}
