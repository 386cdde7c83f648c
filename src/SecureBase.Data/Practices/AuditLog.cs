using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SecureBase.Core.Audit;
using SecureBase.Data.Model;

namespace SecureBase.Data.Practices;

// The audit trail in the database: one hash chain per practice (ChainId = the practice's id;
// Guid.Empty for people in no practice), appended under a unique (ChainId, Sequence) index so two
// requests racing for the same place cannot both win: the loser reads the new head and tries again.
public static class AuditLog
{
    public static async Task<AuditEntry> AppendAsync(AppDbContext db, Guid chainId, AuditFields fields, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chainId).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
            var row = AuditChain.Append(head is null ? null : ToChained(head), fields with { Sequence = (head?.Sequence ?? 0) + 1 });
            var entry = ToEntry(chainId, row);
            db.AuditEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
                return entry;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    // Several rows at once (a caseload view: one per client seen), chained in order and written by one
    // INSERT; a racing writer makes the whole batch read the new head and chain again.
    public static async Task AppendManyAsync(AppDbContext db, Guid chainId, IReadOnlyList<AuditFields> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        // Not inside a caller's transaction, which may hold SQLite's write lock the next in line waits for,
        // and PostgreSQL takes concurrent writers as they come: written at once.
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
        {
            await AppendChainedAsync(db, [new PendingBatch(chainId, batch)], ct);
            return;
        }
        // On SQLite, concurrent batches in this process share one commit (group commit). Racing, each lost
        // the head to another, chained again and waited in SQLite's busy handler; taking turns, each paid for
        // its own commit, which writes every index page its 100 rows touched (a caseload under load spent
        // most of its time there). So each batch joins a queue; whoever holds the turn writes everything
        // queued, every chain in order, in one transaction, and every caller's view waits for its own rows.
        var writer = SqliteWriters.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new GroupWriter());
        var mine = new PendingBatch(chainId, batch);
        lock (writer.Queue) writer.Queue.Add(mine);
        await writer.Turn.WaitAsync(CancellationToken.None);   // short; a view that gave up is still audited
        try
        {
            if (!mine.Written.Task.IsCompleted)
            {
                List<PendingBatch> taken;
                lock (writer.Queue)
                {
                    taken = [.. writer.Queue];
                    writer.Queue.Clear();
                }
                try
                {
                    await AppendChainedAsync(db, taken, CancellationToken.None);   // others' rows: not this request's to cancel
                    foreach (var pending in taken) pending.Written.TrySetResult();
                }
                catch (Exception e)
                {
                    foreach (var pending in taken) pending.Written.TrySetException(e);
                }
            }
        }
        finally
        {
            writer.Turn.Release();
        }
        await mine.Written.Task;
    }

    sealed record PendingBatch(Guid ChainId, IReadOnlyList<AuditFields> Rows)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    sealed class GroupWriter
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public List<PendingBatch> Queue { get; } = [];
    }

    // One per database (tests hold many in one process).
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, GroupWriter> SqliteWriters = new(StringComparer.Ordinal);

    // The batches chained in their order, each chain from its head, in one transaction (the caller's if it has one).
    static async Task AppendChainedAsync(AppDbContext db, IReadOnlyList<PendingBatch> batches, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            try
            {
                foreach (var chain in batches.GroupBy(b => b.ChainId))
                {
                    var head = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chain.Key).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
                    var previous = head is null ? null : ToChained(head);
                    var entries = new List<AuditEntry>();
                    foreach (var fields in chain.SelectMany(b => b.Rows))
                    {
                        previous = AuditChain.Append(previous, fields with { Sequence = (previous?.Fields.Sequence ?? 0) + 1 });
                        entries.Add(ToEntry(chain.Key, previous));
                    }
                    await InsertAsync(db, entries, ct);
                }
                if (own is not null) await own.CommitAsync(ct);
                return;
            }
            catch (System.Data.Common.DbException) when (attempt < 20 && own is not null)
            {
            }
            finally
            {
                if (own is not null) await own.DisposeAsync();
            }
        }
    }

    // Written past EF's change tracker (its statement per row cost about 0.45 ms a row: a caseload of 100
    // clients spent 45 ms on it), every value through its column's own EF type mapping and value converter,
    // so it is stored exactly as EF stores it (SQLite keeps DateTimeOffset as a number, PostgreSQL as
    // timestamptz) and the hash chain reads back the same. PostgreSQL gets one multi-row INSERT (one round
    // trip). SQLite gets one INSERT … SELECT over a JSON array of the rows (json_each, sqlite.org/json1.html):
    // it binds parameters by name, one search each, so a 100-row VALUES list with 1,400 parameters spent more
    // time binding than writing. (Against a prepared statement run once per row, measured the same: about
    // 9 ms for 100 rows, which is SQLite's own work on four indexes; fewer rows is what would help.)
    static async Task InsertAsync(AppDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never).ToList();
        var mappings = columns.Select(c => (RelationalTypeMapping)c.GetRelationalTypeMapping()).ToList();
        var head = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\""))}) ";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.IsSqlite())
            {
                // The chain's id (a Guid, stored as EF stores it) is the same for every row: one ordinary parameter.
                var chain = columns.FindIndex(c => c.Name == nameof(AuditEntry.ChainId));
                command.CommandText = head + "SELECT " + string.Join(", ", columns.Select((_, k) => k == chain ? "@chain" : $"value ->> {k}")) + " FROM json_each(@rows)";
                command.Parameters.Add(mappings[chain].CreateParameter(command, "@chain", entries[0].ChainId, nullable: false));
                var rows = entries.Select(e => columns.Select((c, k) => k == chain ? null : JsonValueOf(mappings[k], c.PropertyInfo!.GetValue(e))).ToArray());
                var json = System.Text.Json.JsonSerializer.Serialize(rows);
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = ("@rows", json);
                command.Parameters.Add(parameter);
            }
            else
            {
                command.CommandText = head + "VALUES " + string.Join(", ", entries.Select((_, row) => "(" + string.Join(", ", columns.Select((_, k) => $"@a{row}_{k}")) + ")"));
                for (var row = 0; row < entries.Count; row++)
                    for (var k = 0; k < columns.Count; k++)
                        command.Parameters.Add(mappings[k].CreateParameter(command, $"@a{row}_{k}", columns[k].PropertyInfo!.GetValue(entries[row]), columns[k].IsNullable));
            }
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // A column's value as SQLite will store it, for the JSON array: through the column's converter, and only
    // as the types JSON keeps exactly (text, whole numbers, true/false, null); anything else would be stored
    // differently from EF's own writes and break the chain's hashes on reading back, so it is refused here.
    static object? JsonValueOf(RelationalTypeMapping mapping, object? value)
    {
        var stored = value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value;
        return stored switch
        {
            null or string or long or int or bool => stored,
            _ => throw new InvalidOperationException($"An audit column of type {stored.GetType().Name} cannot be written through JSON."),
        };
    }

    // Each chain checked from its first row: its length, where it breaks (null if whole) and its head
    // (the newest row's hash). Rows cut off the end leave a whole, shorter chain: only a head noted
    // earlier, somewhere else, shows that; so the head is printed for operators to keep.
    public static async Task<IReadOnlyList<(Guid ChainId, long Rows, long? FirstBreak, string Head)>> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        var results = new List<(Guid, long, long?, string)>();
        foreach (var chainId in await db.AuditEntries.Select(a => a.ChainId).Distinct().ToListAsync(ct))
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chainId).OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(ct);
            results.Add((chainId, rows.Count, AuditChain.FirstBreak(rows.Select(ToChained).ToList()), rows.Count == 0 ? AuditChain.Genesis : rows[^1].Hash));
        }
        return results;
    }

    // The hash must see the time exactly as it will be read back: SQLite's column keeps 100 µs steps
    // (EF's DateTimeOffsetToBinaryConverter drops the last three tick digits), PostgreSQL microseconds.
    public static DateTimeOffset StorableTime(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 1000, TimeSpan.Zero);

    static ChainedAuditRow ToChained(AuditEntry e) => new(
        new AuditFields(e.Sequence, e.At, e.ActorId, e.ActorRole, e.ClientId, e.ResourceKind, e.ResourceId, e.Scope, e.Action, e.Allowed, e.Address, e.Subjects),
        e.PreviousHash, e.Hash);

    static AuditEntry ToEntry(Guid chainId, ChainedAuditRow row) => new()
    {
        ChainId = chainId, Sequence = row.Fields.Sequence, At = row.Fields.At, ActorId = row.Fields.ActorId, ActorRole = row.Fields.ActorRole,
        ClientId = row.Fields.ClientId, ResourceKind = row.Fields.ResourceKind, ResourceId = row.Fields.ResourceId, Scope = row.Fields.Scope,
        Action = row.Fields.Action, Allowed = row.Fields.Allowed, Address = row.Fields.Address, Subjects = row.Fields.Subjects, PreviousHash = row.PreviousHash, Hash = row.Hash,
    };
}
