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

    // Noted before: the form starts from what was noted, to change it.
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        Input.Outcome = Entry.Outcome;
        Input.Feeling = (await text.DecryptAsync(User.Id(), Entry.EncryptedFeeling, HttpContext.RequestAborted)).Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Entry.Outcome != Input.Outcome || Entry.OutcomeAt is null) Entry.OutcomeAt = clock.GetUtcNow();
        Entry.Outcome = Input.Outcome;
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
