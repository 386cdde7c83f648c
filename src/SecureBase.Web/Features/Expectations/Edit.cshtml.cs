using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Encryption;

using SecureBase.Web.Features.Forms;

namespace SecureBase.Web.Features.Expectations;

// Changes or deletes one expectation (before a vulnerable moment) or corrective experience; only its owner
// may open it (the one access rule, as for its outcome page). What happened is changed on the outcome page.
public sealed class EditModel(AppDbContext db, PersonalText text, ClinicalAccess access) : PageModel
{
    [BindProperty]
    public BeforeInput Before { get; set; } = new();

    [BindProperty]
    public CorrectiveInput Corrective { get; set; } = new();

    public ExpectationEntry Entry { get; private set; } = null!;
    public bool IsCorrective => Entry.CorrectiveKind is not null;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        var ct = HttpContext.RequestAborted;
        async Task<string?> Open(byte[]? data) => (await text.DecryptAsync(User.Id(), data, ct)).Text;
        if (IsCorrective)
            Corrective = new CorrectiveInput { Kind = Entry.CorrectiveKind, Relationship = Entry.Relationship,
                RelationshipLabel = await Open(Entry.EncryptedRelationshipLabel), Feeling = await Open(Entry.EncryptedFeeling) };
        else
            Before = new BeforeInput { Relationship = Entry.Relationship, RelationshipLabel = await Open(Entry.EncryptedRelationshipLabel),
                Plan = await Open(Entry.EncryptedPlan), ExpectedCarePercent = Entry.ExpectedCarePercent };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        // Both inputs are bound; only the one of this entry's kind is looked at.
        var prefix = IsCorrective ? nameof(Corrective) : nameof(Before);
        ModelState.KeepOnly(prefix);
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        var me = User.Id();
        if (IsCorrective)
        {
            (Entry.CorrectiveKind, Entry.Relationship) = (Corrective.Kind, Corrective.Relationship!.Value);
            Entry.EncryptedRelationshipLabel = await text.EncryptAsync(me, Corrective.RelationshipLabel?.Trim(), ct);
            Entry.EncryptedFeeling = await text.EncryptAsync(me, Corrective.Feeling, ct);
        }
        else
        {
            (Entry.Relationship, Entry.ExpectedCarePercent) = (Before.Relationship!.Value, Before.ExpectedCarePercent);
            Entry.EncryptedRelationshipLabel = await text.EncryptAsync(me, Before.RelationshipLabel?.Trim(), ct);
            Entry.EncryptedPlan = await text.EncryptAsync(me, Before.Plan, ct);
        }
        await db.SaveChangesAsync(ct);
        await db.Database.ScrubDeletedAsync(ct);   // a replaced text is a deleted text
        return Redirect("/Expectations?saved=true");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        return await db.DeleteForGoodAsync(Entry, HttpContext.RequestAborted) ? Redirect("/Expectations?deleted=true") : NotFound();
    }

    async Task<IActionResult?> LoadAsync(Guid id)
    {
        var entry = await db.ExpectationEntries.FirstOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (entry is null) return NotFound();
        var resource = new ClinicalResource(entry.UserId, Core.Sharing.ConsentScope.Expectations, "ExpectationEntry", id.ToString());
        if (!await access.AllowsAsync(User, resource, ClinicalOperation.ForOwnPage(Request.Method))) return NotFound();
        Entry = entry;
        return null;
    }
}
