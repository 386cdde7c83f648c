using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Practices;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Sharing;

// Every audit row about one client as the client sees them ("Who looked", the export), newest first: rows
// about them alone, and rows about many clients at once (a caseload view, ADR 0026) that name them, each
// shown as what was read of this client. The therapist's own records are not the client's data: left out.
public static class ClientAuditRows
{
    public static async Task<List<AuditEntry>> AboutAsync(AppDbContext db, string clientId, int? newest, CancellationToken ct)
    {
        var alone = db.AuditEntries.AsNoTracking().Where(a => a.ClientId == clientId && a.Scope != TherapistRecordsScope.Name);
        var rows = await Newest(alone, newest).ToListAsync(ct);
        // Only the client's own therapists see them in a caseload: each one's rows, through the (ActorId, At) index.
        var therapists = await db.CareRelationships.Where(r => r.ClientId == clientId).Select(r => r.TherapistId).Distinct().ToListAsync(ct);
        foreach (var therapist in therapists)
        {
            var many = db.AuditEntries.AsNoTracking()
                .Where(a => a.ActorId == therapist && a.ClientId == AuditSubjects.ManyClients && a.Subjects != null && a.Subjects.Contains(clientId));
            foreach (var row in await Newest(many, newest).ToListAsync(ct))
                if (AuditSubjects.Of(row.Subjects, clientId) is { } seen)
                    rows.Add(AsSeenBy(row, clientId, seen));
        }
        var ordered = rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
        return (newest is { } n ? ordered.Take(n) : ordered).ToList();
    }

    static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> rows, int? newest) =>
        newest is { } n ? rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(n) : rows;

    static AuditEntry AsSeenBy(AuditEntry row, string clientId, AuditSubjectGroup seen) => new()
    {
        Id = row.Id, ChainId = row.ChainId, Sequence = row.Sequence, At = row.At, ActorId = row.ActorId, ActorRole = row.ActorRole, ClientId = clientId,
        ResourceKind = row.ResourceKind, ResourceId = row.ResourceId, Scope = seen.Scope, Action = row.Action, Allowed = seen.Allowed, Address = row.Address,
        PreviousHash = row.PreviousHash, Hash = row.Hash,
    };
}
