using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Clients;

// The answer to each statement of one administration.
public sealed class AnswersModel(AppDbContext db, ClinicalAccess access, InstrumentCatalog catalog) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.ItemAnswers;

    public Administration Administration { get; private set; } = null!;
    public InstrumentPack? Pack { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clientId, Guid administrationId)
    {
        if (await GuardAsync(clientId, "Administration", administrationId.ToString(),
                exists: () => Db.Administrations.AnyAsync(a => a.Id == administrationId && a.SubjectId == clientId, Ct)) is { } refused)
            return refused;
        if (await Db.Administrations.AsNoTracking().Include(a => a.Responses)
                .FirstOrDefaultAsync(a => a.Id == administrationId && a.SubjectId == clientId, Ct) is not { } administration)
            return NotFound();
        Administration = administration;
        Pack = catalog.Find(administration.InstrumentId);
        return Page();
    }

    public int? Answer(string itemId) => Administration.Responses.FirstOrDefault(r => r.ItemId == itemId)?.Value;
}
