using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Clients;

// One note the client chose to share with this therapist, with its moment.
public sealed class NotesModel(AppDbContext db, ClinicalAccess access, PersonalText text) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.SharedNote;

    public ActivationEntry Entry { get; private set; } = null!;
    public DecryptedText Note { get; private set; } = new(null, false);

    public async Task<IActionResult> OnGetAsync(string clientId, Guid entryId)
    {
        if (await GuardAsync(clientId, "ActivationEntry", entryId.ToString(), entryId,
                exists: () => Db.ActivationEntries.AnyAsync(e => e.Id == entryId && e.UserId == clientId, Ct)) is { } refused)
            return refused;
        if (await Db.ActivationEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.UserId == clientId, Ct) is not { } entry) return NotFound();
        Entry = entry;
        Note = await text.DecryptAsync(clientId, entry.EncryptedNote, Ct);
        return Page();
    }
}
