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
public abstract class ClientPageModel(AppDbContext db, ClinicalAccess access, UserManager<AppUser> users) : PageModel
{
    protected AppDbContext Db { get; } = db;

    public ClientHeader Header { get; private set; } = null!;
    public bool NotShared { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public abstract ConsentScope Scope { get; }

    protected CancellationToken Ct => HttpContext.RequestAborted;

    // Null when the viewer may read the resource; otherwise what to answer.
    protected async Task<IActionResult?> GuardAsync(string clientId, string kind, string? id, Guid? entryId = null)
    {
        if (clientId.Length > 64) return NotFound();
        var allowed = await access.AllowsAsync(User, new ClinicalResource(clientId, Scope, kind, id, entryId), ClinicalOperation.Read);
        if (!allowed && !access.LastRefusalWasNotShared) return NotFound();
        var therapistId = User.Id();
        var relationship = await Db.CareRelationships.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TherapistId == therapistId && r.ClientId == clientId && r.EndedAt == null, Ct);
        if (relationship is null) return NotFound();
        var email = await Db.Users.Where(u => u.Id == clientId).Select(u => u.Email).FirstAsync(Ct);
        var shared = await Db.ConsentGrants.Where(g => g.RelationshipId == relationship.Id).Select(g => g.Scope).ToListAsync(Ct);
        var notes = await (from n in Db.SharedNotes
                           join e in Db.ActivationEntries on n.EntryId equals e.Id
                           where n.RelationshipId == relationship.Id && e.UserId == clientId
                           orderby e.OccurredAt descending
                           select new { e.Id, e.OccurredAt }).Take(50).ToListAsync(Ct);
        Header = new ClientHeader(clientId, email ?? "", relationship.StartedAt, shared.ToHashSet(), notes.Select(n => (n.Id, n.OccurredAt)).ToList());
        Zone = await TimeZones.OfAsync(users, User);
        if (allowed) return null;
        NotShared = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
