using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Log;

public sealed class EditModel(AppDbContext db, PersonalText text, TimeProvider clock, UserManager<AppUser> users) : PageModel
{
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
            return Page();
        }
        await ActivationEntries.SaveAsync(db, text, clock, User.Id(), entry, Input, when!.Value, entry.Relationship, HttpContext.RequestAborted);
        await db.Database.ScrubDeletedAsync(HttpContext.RequestAborted);   // a replaced note is a deleted note
        return Redirect("/Log?saved=true");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var deleted = await db.ActivationEntries.OwnedBy(User.Id()).Where(e => e.Id == id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        if (deleted == 0) return NotFound();
        await db.Database.ScrubDeletedAsync(HttpContext.RequestAborted);
        return Redirect("/Log");
    }

    Task<ActivationEntry?> FindAsync(Guid id) =>
        db.ActivationEntries.OwnedBy(User.Id()).FirstOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);

    Task<NodaTime.DateTimeZone> ZoneAsync() => TimeZones.OfAsync(users, User);
}
