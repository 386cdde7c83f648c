using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

using SecureBase.Web.Features.Forms;

namespace SecureBase.Web.Features.Expectations;

public sealed class IndexModel(AppDbContext db, PersonalText text, TimeProvider clock) : PageModel
{
    [BindProperty]
    public BeforeInput Before { get; set; } = new();

    [BindProperty]
    public CorrectiveInput Corrective { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Deleted { get; set; }

    public IReadOnlyList<ExpectationEntry> Pending { get; private set; } = [];
    public IReadOnlyList<ExpectationEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBeforeAsync()
    {
        if (!IsValid(nameof(Before))) return await InvalidAsync();
        var ct = HttpContext.RequestAborted;
        db.ExpectationEntries.Add(new ExpectationEntry
        {
            Id = Guid.NewGuid(), UserId = User.Id(), RecordedAt = clock.GetUtcNow(), Relationship = Before.Relationship!.Value,
            EncryptedRelationshipLabel = await text.EncryptAsync(User.Id(), Before.RelationshipLabel?.Trim(), ct),
            EncryptedPlan = await text.EncryptAsync(User.Id(), Before.Plan, ct),
            ExpectedCarePercent = Before.ExpectedCarePercent,
        });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { Saved = true });
    }

    public async Task<IActionResult> OnPostCorrectiveAsync()
    {
        if (!IsValid(nameof(Corrective))) return await InvalidAsync();
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        db.ExpectationEntries.Add(new ExpectationEntry
        {
            Id = Guid.NewGuid(), UserId = User.Id(), RecordedAt = now, OutcomeAt = now, Relationship = Corrective.Relationship!.Value,
            CorrectiveKind = Corrective.Kind, Outcome = Core.WorkingModel.Outcome.Care,
            EncryptedRelationshipLabel = await text.EncryptAsync(User.Id(), Corrective.RelationshipLabel?.Trim(), ct),
            EncryptedFeeling = await text.EncryptAsync(User.Id(), Corrective.Feeling, ct),
        });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { Saved = true });
    }

    // Both inputs are bound and validated (Forms.ValidateBoundInputs); each form's handler looks only
    // at its own, so the other form's empty fields are not errors.
    bool IsValid(string prefix)
    {
        ModelState.KeepOnly(prefix);
        return ModelState.IsValid;
    }

    async Task<IActionResult> InvalidAsync()
    {
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        var mine = db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == User.Id());
        Pending = await mine.Where(e => e.ExpectedCarePercent != null && e.Outcome == null).OrderByDescending(e => e.RecordedAt).ToListAsync(HttpContext.RequestAborted);
        Recent = await mine.Where(e => e.Outcome != null).OrderByDescending(e => e.RecordedAt).Take(20).ToListAsync(HttpContext.RequestAborted);
    }
}
