using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Audit;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Practices;

namespace SecureBase.Web.Features.Authorization;

// Many clients' summaries on one page (the caseload): which of the asked scopes each client's therapist
// may read right now. The handler fills Allowed; pages read only that.
public sealed class ClinicalBatch(IReadOnlyList<string> clientIds, IReadOnlyList<ConsentScope> scopes, string kind)
{
    public IReadOnlyList<string> ClientIds { get; } = clientIds;
    public IReadOnlyList<ConsentScope> Scopes { get; } = scopes;
    public string Kind { get; } = kind;
    public Dictionary<string, IReadOnlySet<ConsentScope>> Allowed { get; } = new(StringComparer.Ordinal);

    // Whether the asker is this client's therapist right now at all (Core Access.MayKeepRecords): their row,
    // sessions and own notes are shown even when the client shares nothing.
    public HashSet<string> Keeps { get; } = new(StringComparer.Ordinal);

    public bool Allows(string clientId, ConsentScope scope) => Allowed.TryGetValue(clientId, out var scopes) && scopes.Contains(scope);
}

// The same Core rule as ClinicalAccessHandler (Access.Decide, consent read fresh), asked for every client
// and scope in three queries instead of three per client. Audited before the page answers: for each client
// the scopes read ("NoneShared" if none), allowed while the asker is the client's therapist
// (Access.MayKeepRecords). One client (a digest) is an ordinary row; many (a caseload view) are one row
// naming each of them in Subjects (ADR 0026): 100 rows per view cost more than the rest of the page.
public sealed class ClinicalBatchHandler(AppDbContext db, Viewers viewers, TimeProvider clock, IHttpContextAccessor http)
    : AuthorizationHandler<ClinicalOperation, ClinicalBatch>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ClinicalOperation requirement, ClinicalBatch batch)
    {
        if (context.User.Identity?.IsAuthenticated != true || requirement.Operation != Operation.Read) return;
        var ct = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        var viewer = await viewers.CurrentAsync(context.User, ct);
        var ids = batch.ClientIds.Distinct().ToList();
        var rows = (await db.CareRelationships.AsNoTracking().Where(r => r.TherapistId == viewer.UserId && ids.Contains(r.ClientId)).ToListAsync(ct))
            .GroupBy(r => r.ClientId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.EndedAt != null).ThenByDescending(r => r.StartedAt).First());
        var relationshipIds = rows.Values.Select(r => r.Id).ToList();
        var grants = (await db.ConsentGrants.AsNoTracking().Where(g => relationshipIds.Contains(g.RelationshipId)).Select(g => new { g.RelationshipId, g.Scope }).ToListAsync(ct))
            .ToLookup(g => g.RelationshipId, g => g.Scope);
        var now = AuditLog.StorableTime(clock.GetUtcNow());
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var audit = new Dictionary<Guid, List<(string ClientId, string Scope, bool Allowed)>>();
        foreach (var clientId in ids)
        {
            rows.TryGetValue(clientId, out var row);
            var relationship = row is null ? null : new CareRelationship(row.PracticeId, row.TherapistId, row.ClientId, row.StartedAt, row.EndedAt);
            var consent = row is null ? ConsentSnapshot.None : new ConsentSnapshot(grants[row.Id].ToHashSet(), new HashSet<Guid>());
            var allowed = batch.Scopes.Where(s => Access.Decide(viewer, new ClientResource(clientId, s), Operation.Read, relationship, consent).Allowed).ToHashSet();
            batch.Allowed[clientId] = allowed;
            var keeps = Access.MayKeepRecords(viewer, relationship).Allowed;
            if (keeps) batch.Keeps.Add(clientId);
            if (viewer.UserId == clientId) continue;   // the client's own data: not audited, as in ClinicalAccessHandler
            var practiceId = row?.PracticeId ?? (viewer.Memberships.Count > 0 ? viewer.Memberships[0].PracticeId : Guid.Empty);
            var scopes = ScopeList(allowed);
            if (!audit.TryGetValue(practiceId, out var list)) audit[practiceId] = list = [];
            list.Add((clientId, scopes, keeps));
        }
        foreach (var (chainId, seen) in audit)
        {
            var role = Viewers.RoleOf(viewer, chainId);
            var fields = seen is [var one]
                ? new AuditFields(0, now, viewer.UserId, role, one.ClientId, batch.Kind, null, one.Scope, "read", one.Allowed, address)
                : new AuditFields(0, now, viewer.UserId, role, AuditSubjects.ManyClients, batch.Kind, null, ScopeList(seen.SelectMany(s => batch.Allowed[s.ClientId])), "read", seen.Any(s => s.Allowed), address,
                    AuditSubjects.Write(seen));
            await AuditLog.AppendManyAsync(db, chainId, [fields], ct);   // group commit with other views (SQLite)
        }
        context.Succeed(requirement);
    }

    // The scopes read, as an audit row stores them: "Scores+ActivationEntries", or "NoneShared".
    static string ScopeList(IEnumerable<ConsentScope> read)
    {
        var scopes = read.Distinct().Order().ToList();
        return scopes.Count > 0 ? string.Join("+", scopes) : "NoneShared";
    }
}

// A therapist's own records about one client (event notes, flag acknowledgements).
public sealed record TherapistRecords(string ClientId, string Kind, string? Id);

// The audit scope of those records. They are the therapist's, not the client's data: the practice's audit
// log shows them; the client's "Who looked" page and export do not (their kinds and times would tell).
public static class TherapistRecordsScope
{
    public const string Name = "TherapistRecords";
}

public sealed class RecordOperation(Operation operation) : IAuthorizationRequirement
{
    public Operation Operation { get; } = operation;

    public static readonly RecordOperation Read = new(Operation.Read);
    public static readonly RecordOperation Write = new(Operation.Write);
}

// Core Access.MayKeepRecords, with the asker's current relationship with the client read fresh; every
// decision is one audit row (in the relationship's practice, else the asker's). A read, or anything refused,
// is written at once. An allowed write is written with the write (RecordWrites.AuditedAsync), so an attempt
// that changed nothing (a bad date, a flag not raised, a note not theirs) is not logged as a write done.
public sealed class TherapistRecordsHandler(AppDbContext db, Viewers viewers, TimeProvider clock, IHttpContextAccessor http)
    : AuthorizationHandler<RecordOperation, TherapistRecords>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RecordOperation requirement, TherapistRecords resource)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        var ct = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        var viewer = await viewers.CurrentAsync(context.User, ct);
        var row = await db.CareRelationships.AsNoTracking().Where(r => r.TherapistId == viewer.UserId && r.ClientId == resource.ClientId)
            .OrderBy(r => r.EndedAt != null).ThenByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        var relationship = row is null ? null : new CareRelationship(row.PracticeId, row.TherapistId, row.ClientId, row.StartedAt, row.EndedAt);
        var decision = Access.MayKeepRecords(viewer, relationship);
        if (viewer.UserId == resource.ClientId) return;   // a client asking about themselves: refused, and not an access to anyone's data
        var practiceId = row?.PracticeId ?? (viewer.Memberships.Count > 0 ? viewer.Memberships[0].PracticeId : Guid.Empty);
        var fields = new AuditFields(0, AuditLog.StorableTime(clock.GetUtcNow()), viewer.UserId, Viewers.RoleOf(viewer, practiceId), resource.ClientId,
            resource.Kind, resource.Id, TherapistRecordsScope.Name, requirement.Operation == Operation.Read ? "read" : "write", decision.Allowed,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        if (decision.Allowed && requirement.Operation == Operation.Write && http.HttpContext is { } request)
            request.Items[typeof(PendingRecordWrite)] = new PendingRecordWrite(practiceId, fields);
        else
            await AuditLog.AppendAsync(db, practiceId, fields, ct);
        if (decision.Allowed) context.Succeed(requirement);
    }
}

// An allowed write of a therapist's records, decided and waiting to be audited with the write itself.
public sealed record PendingRecordWrite(Guid ChainId, AuditFields Fields);

// Pages save a therapist's records through this: the change and its audit row in one transaction, so a write
// is never done unaudited and an audit row never claims a write that did not happen. change returns whether it
// changed anything (false: nothing to audit, e.g. a note that was not there).
public static class RecordWrites
{
    public static async Task<bool> AuditedAsync(AppDbContext db, HttpContext request, Func<Task<bool>> change, CancellationToken ct)
    {
        if (request.Items[typeof(PendingRecordWrite)] is not PendingRecordWrite pending)
            throw new InvalidOperationException("A therapist's records are written only after an allowed write decision (ClinicalAccess.MayKeepRecordsAsync).");
        request.Items.Remove(typeof(PendingRecordWrite));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await change()) return false;
        await AuditLog.AppendManyAsync(db, pending.ChainId, [pending.Fields], ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
