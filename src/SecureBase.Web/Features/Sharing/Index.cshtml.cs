using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;

namespace SecureBase.Web.Features.Sharing;

public sealed record SharingRow(Guid RelationshipId, string TherapistEmail, string PracticeName, DateTimeOffset Since, DateTimeOffset? EndedAt, IReadOnlySet<ConsentScope> Granted, int SharedNotes);

// The client's control: per therapist, what they can see right now, changed here and in force from
// the therapist's next request (consent is read fresh on every request; nothing caches it).
public sealed class IndexModel(AppDbContext db, TimeProvider clock, Microsoft.AspNetCore.Identity.UserManager<AppUser> users) : PageModel
{
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    public IReadOnlyList<SharingRow> Current { get; private set; } = [];
    public IReadOnlyList<SharingRow> Ended { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSaveAsync(Guid relationshipId, List<ConsentScope>? scopes)
    {
        var ct = HttpContext.RequestAborted;
        var me = User.Id();
        var relationship = await db.CareRelationships.AsNoTracking().FirstOrDefaultAsync(r => r.Id == relationshipId && r.ClientId == me && r.EndedAt == null, ct);
        if (relationship is null) return NotFound();
        // Only what the page offers: anything else (a word it does not know, a number) changes nothing and says so.
        if (!ModelState.IsValid || (scopes ?? []).Any(s => !ScopeText.Grantable.Contains(s)))
        {
            ModelState.Clear();
            ModelState.AddModelError("", "Choose only from the parts listed on this page. Nothing was changed.");
            await LoadAsync();
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        var wanted = (scopes ?? []).ToHashSet();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ConsentGrants.Where(g => g.RelationshipId == relationshipId && !wanted.Contains(g.Scope)).ExecuteDeleteAsync(ct);
        var kept = await db.ConsentGrants.Where(g => g.RelationshipId == relationshipId).Select(g => g.Scope).ToListAsync(ct);
        foreach (var scope in wanted.Except(kept))
            db.ConsentGrants.Add(new ConsentGrant { PracticeId = relationship.PracticeId, RelationshipId = relationshipId, Scope = scope, GrantedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Redirect("/Sharing?saved=true");
    }

    public async Task<IActionResult> OnPostEndAsync(Guid relationshipId)
    {
        var me = User.Id();
        var now = clock.GetUtcNow();
        var ended = await db.CareRelationships.Where(r => r.Id == relationshipId && r.ClientId == me && r.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, now).SetProperty(r => r.EndedBy, me), HttpContext.RequestAborted);
        return ended == 0 ? NotFound() : Redirect("/Sharing?ended=true");
    }

    async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var me = User.Id();
        Zone = await TimeZones.OfAsync(users, User);
        var rows = await (from r in db.CareRelationships.AsNoTracking()
                          join t in db.Users on r.TherapistId equals t.Id
                          join p in db.Practices on r.PracticeId equals p.Id
                          where r.ClientId == me
                          select new { r.Id, t.Email, p.Name, r.StartedAt, r.EndedAt }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var grants = (await db.ConsentGrants.Where(g => ids.Contains(g.RelationshipId)).ToListAsync(ct)).ToLookup(g => g.RelationshipId, g => g.Scope);
        var notes = (await db.SharedNotes.Where(n => ids.Contains(n.RelationshipId)).ToListAsync(ct)).ToLookup(n => n.RelationshipId);
        var all = rows.Select(r => new SharingRow(r.Id, r.Email ?? "", r.Name, r.StartedAt, r.EndedAt, grants[r.Id].ToHashSet(), notes[r.Id].Count())).ToList();
        Current = all.Where(r => r.EndedAt is null).OrderBy(r => r.Since).ToList();
        Ended = all.Where(r => r.EndedAt is not null).OrderByDescending(r => r.EndedAt).ToList();
        Message = Request.Query.ContainsKey("saved") ? "Saved. It counts from your therapist's very next page."
            : Request.Query.ContainsKey("ended") ? "Ended. Your therapist no longer sees anything; all your data stays yours."
            : Request.Query.ContainsKey("joined") ? "You are now working together. You can change what you share here at any time." : null;
    }
}
