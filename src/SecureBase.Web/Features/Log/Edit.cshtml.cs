using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Log;

public sealed record NoteSharing(Guid RelationshipId, string TherapistEmail, bool Shared);

// The client's own page for one moment: only they open it (Operation.OpenOwnPage), so anyone else's
// attempt is refused and audited by the one access rule. Here they also share its note, per therapist.
public sealed class EditModel(AppDbContext db, PersonalText text, TimeProvider clock, UserManager<AppUser> users, ClinicalAccess access) : PageModel
{
    [BindProperty]
    public List<Guid> ShareWith { get; set; } = [];

    public IReadOnlyList<NoteSharing> Sharing { get; private set; } = [];

    [BindProperty]
    public ActivationInput Input { get; set; } = new();

    public ActivationFormView Form { get; private set; } = null!;
    public bool Unreadable { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await FindAsync(id) is not { } entry) return NotFound();
        var ct = HttpContext.RequestAborted;
        var label = await text.DecryptAsync(User.Id(), entry.EncryptedRelationshipLabel, ct);
        var note = await text.DecryptAsync(User.Id(), entry.EncryptedNote, ct);
        Unreadable = label.Unreadable || note.Unreadable;
        Input = new ActivationInput
        {
            Pull = entry.Pull, Intensity = entry.Intensity, Response = entry.Response, Relationship = entry.Relationship,
            RelationshipLabel = label.Text, Noticed = entry.Noticed, NewResponseKind = entry.NewResponseKind,
            SettledMinutes = entry.SettledMinutes, Note = note.Text,
        };
        Form = new ActivationFormView(Input, entry.Relationship, LocalTime.ForInput(entry.OccurredAt, await ZoneAsync()), ShowDetails: true);
        Sharing = await SharingAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await FindAsync(id) is not { } entry) return NotFound();
        var zone = await ZoneAsync();
        var when = Input.Validate(ModelState, zone, clock.GetUtcNow(), untouched: entry.OccurredAt);
        if (!ModelState.IsValid)
        {
            Form = new ActivationFormView(Input, entry.Relationship, Input.When, ShowDetails: true, Input.WhenShown);
            Sharing = await SharingAsync(id);
            return Page();
        }
        await ActivationEntries.SaveAsync(db, text, clock, User.Id(), entry, Input, when!.Value, entry.Relationship, HttpContext.RequestAborted);
        await SaveSharingAsync(id);
        await db.Database.ScrubDeletedAsync(HttpContext.RequestAborted);   // a replaced note is a deleted note
        return Redirect("/Log?saved=true");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (await FindAsync(id) is not { } entry || entry.UserId != User.Id()) return NotFound();
        return await db.DeleteForGoodAsync(entry, HttpContext.RequestAborted) ? Redirect("/Log") : NotFound();
    }

    // The entry, if it exists and the one access rule lets this person open its page (only its owner).
    async Task<ActivationEntry?> FindAsync(Guid id)
    {
        var entry = await db.ActivationEntries.FirstOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (entry is null) return null;
        var resource = new ClinicalResource(entry.UserId, SecureBase.Core.Sharing.ConsentScope.ActivationEntries, "ActivationEntry", id.ToString());
        return await access.AllowsAsync(User, resource, ClinicalOperation.ForOwnPage(Request.Method)) ? entry : null;
    }

    // One choice per therapist the client works with now; private unless ticked.
    async Task<IReadOnlyList<NoteSharing>> SharingAsync(Guid entryId)
    {
        var me = User.Id();
        return await (from r in db.CareRelationships
                      join t in db.Users on r.TherapistId equals t.Id
                      where r.ClientId == me && r.EndedAt == null
                      select new NoteSharing(r.Id, t.Email!, db.SharedNotes.Any(n => n.RelationshipId == r.Id && n.EntryId == entryId)))
            .ToListAsync(HttpContext.RequestAborted);
    }

    async Task SaveSharingAsync(Guid entryId)
    {
        var ct = HttpContext.RequestAborted;
        var me = User.Id();
        var relationships = await db.CareRelationships.Where(r => r.ClientId == me && r.EndedAt == null).ToListAsync(ct);
        var wanted = ShareWith.ToHashSet();
        await db.SharedNotes.Where(n => n.EntryId == entryId && !wanted.Contains(n.RelationshipId)).ExecuteDeleteAsync(ct);
        var already = await db.SharedNotes.Where(n => n.EntryId == entryId).Select(n => n.RelationshipId).ToListAsync(ct);
        foreach (var relationship in relationships.Where(r => wanted.Contains(r.Id) && !already.Contains(r.Id)))
            db.SharedNotes.Add(new SharedNote { PracticeId = relationship.PracticeId, RelationshipId = relationship.Id, EntryId = entryId, SharedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    Task<NodaTime.DateTimeZone> ZoneAsync() => TimeZones.OfAsync(users, User);
}
