using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Expectations;

public sealed class OutcomeModel(AppDbContext db, PersonalText text, TimeProvider clock, SecureBase.Web.Features.Authorization.ClinicalAccess access) : PageModel
{
    [BindProperty]
    public OutcomeInput Input { get; set; } = new();

    public ExpectationEntry Entry { get; private set; } = null!;
    public string? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Entry.Outcome = Input.Outcome;
        Entry.OutcomeAt = clock.GetUtcNow();
        Entry.EncryptedFeeling = await text.EncryptAsync(User.Id(), Input.Feeling, HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect("/Expectations?saved=true");
    }

    async Task<IActionResult?> LoadAsync(Guid id)
    {
        var entry = await db.ExpectationEntries.FirstOrDefaultAsync(e => e.Id == id && e.ExpectedCarePercent != null, HttpContext.RequestAborted);
        if (entry is null) return NotFound();
        var resource = new SecureBase.Web.Features.Authorization.ClinicalResource(entry.UserId, SecureBase.Core.Sharing.ConsentScope.Expectations, "ExpectationEntry", id.ToString());
        if (!await access.AllowsAsync(User, resource, SecureBase.Web.Features.Authorization.ClinicalOperation.ForOwnPage(Request.Method))) return NotFound();
        Entry = entry;
        Plan = (await text.DecryptAsync(User.Id(), entry.EncryptedPlan, HttpContext.RequestAborted)).Text;
        return null;
    }
}
