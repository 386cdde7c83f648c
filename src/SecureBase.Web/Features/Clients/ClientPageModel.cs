using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Clients;

// Who the client is to this therapist, what they share, and which notes (by the moment's time only;
// the text is one audited request away).
public sealed record ClientHeader(string ClientId, string Email, DateTimeOffset Since, IReadOnlySet<ConsentScope> Shared, IReadOnlyList<(Guid EntryId, DateTimeOffset OccurredAt)> SharedNotes);

// A therapist's view of one part of one client's data. The page names the resource; the one
// authorization decision (ClinicalAccess → Core Access.Decide, audited) answers. Refused because the
// client has not shared it: the page says so plainly (403). Refused for any other reason: 404, as if
// the client did not exist.
public abstract class ClientPageModel(AppDbContext db, ClinicalAccess access) : PageModel
{
    protected ClinicalAccess Access { get; } = access;

    protected AppDbContext Db { get; } = db;

    public ClientHeader Header { get; private set; } = null!;
    public bool NotShared { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public abstract ConsentScope Scope { get; }

    protected CancellationToken Ct => HttpContext.RequestAborted;

    // Null when the viewer may read the resource; otherwise what to answer. A client or an item that
    // does not exist (or is not that client's) is simply not found: no one's data was asked for, so no
    // audit row; everything that exists goes through the one decision, which audits it.
    protected async Task<IActionResult?> GuardAsync(string clientId, string kind, string? id, Guid? entryId = null, Func<Task<bool>>? exists = null)
    {
        if (clientId.Length > 64 || !await Db.Users.AnyAsync(u => u.Id == clientId, Ct)) return NotFound();
        if (exists is not null && !await exists()) return NotFound();
        var allowed = await Access.AllowsAsync(User, new ClinicalResource(clientId, Scope, kind, id, entryId), ClinicalOperation.Read);
        if (!allowed && !Access.LastRefusalWasNotShared) return NotFound();
        var relationship = await CurrentRelationshipAsync(clientId);
        if (relationship is null) return NotFound();
        await LoadHeaderAsync(relationship);
        if (allowed) return null;
        NotShared = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public CareRelationshipRow Relationship { get; private set; } = null!;

    Task<CareRelationshipRow?> CurrentRelationshipAsync(string clientId)
    {
        var therapistId = User.Id();
        return Db.CareRelationships.AsNoTracking().FirstOrDefaultAsync(r => r.TherapistId == therapistId && r.ClientId == clientId && r.EndedAt == null, Ct);
    }

    // The therapist's own records about this client (digest, event notes, acknowledgements): Core's
    // Access.MayKeepRecords through its audited handler; anyone else is answered 404.
    protected async Task<IActionResult?> GuardRecordsAsync(string clientId, string kind, string? id, RecordOperation operation)
    {
        if (clientId.Length > 64 || !await Db.Users.AnyAsync(u => u.Id == clientId, Ct)) return NotFound();
        if (!await Access.MayKeepRecordsAsync(User, new TherapistRecords(clientId, kind, id), operation)) return NotFound();
        if (await CurrentRelationshipAsync(clientId) is not { } relationship) return NotFound();
        await LoadHeaderAsync(relationship);
        return null;
    }

    // The digest's one decision: a batch for this client over the scopes it reads (Access.Decide per scope,
    // Access.MayKeepRecords for the page itself), audited as one row. Null when the page may be shown.
    protected async Task<IActionResult?> GuardBatchAsync(string clientId, ClinicalBatch batch)
    {
        if (clientId.Length > 64 || !await Db.Users.AnyAsync(u => u.Id == clientId, Ct)) return NotFound();
        await Access.DecideAsync(User, batch);
        if (!batch.Keeps.Contains(clientId) || await CurrentRelationshipAsync(clientId) is not { } relationship) return NotFound();
        await LoadHeaderAsync(relationship);
        return null;
    }

    async Task LoadHeaderAsync(CareRelationshipRow relationship)
    {
        Relationship = relationship;
        var clientId = relationship.ClientId;
        var email = await Db.Users.Where(u => u.Id == clientId).Select(u => u.Email).FirstAsync(Ct);
        var shared = await Db.ConsentGrants.Where(g => g.RelationshipId == relationship.Id).Select(g => g.Scope).ToListAsync(Ct);
        var notes = await (from n in Db.SharedNotes
                           join e in Db.ActivationEntries on n.EntryId equals e.Id
                           where n.RelationshipId == relationship.Id && e.UserId == clientId
                           orderby e.OccurredAt descending
                           select new { e.Id, e.OccurredAt }).Take(50).ToListAsync(Ct);
        Header = new ClientHeader(clientId, email ?? "", relationship.StartedAt, shared.ToHashSet(), notes.Select(n => (n.Id, n.OccurredAt)).ToList());
        // Times as the client lived them: the same zone their weeks are counted in.
        Zone = Core.Time.Zones.Find(await Db.Users.Where(u => u.Id == clientId).Select(u => u.TimeZoneId).FirstAsync(Ct)) ?? DateTimeZone.Utc;
    }
}
