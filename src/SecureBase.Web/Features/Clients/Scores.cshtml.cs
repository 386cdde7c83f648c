using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Clients;

// Questionnaire scores, one row per completed administration, oldest first.
public sealed class ScoresModel(AppDbContext db, ClinicalAccess access) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.Scores;

    public IReadOnlyList<Administration> Administrations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "Scores", null) is { } refused) return refused;
        Administrations = (await Db.Administrations.AsNoTracking().Include(a => a.Scores)
            .Where(a => a.SubjectId == clientId && a.CompletedAt != null).ToListAsync(Ct)).OrderBy(a => a.CompletedAt).ToList();
        return Page();
    }
}
