using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Instruments;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Questionnaires;

// A few items per page; every Next saves, so a questionnaire can be left and resumed anywhere.
public sealed class TakeModel(AppDbContext db, InstrumentCatalog catalog, TimeProvider clock, PersonalText text, SecureBase.Web.Features.Authorization.ClinicalAccess access) : PageModel
{
    public const int PageSize = 6;

    public InstrumentPack Pack { get; private set; } = null!;
    public Administration Administration { get; private set; } = null!;
    public int PageNumber { get; private set; }
    public int PageCount => (Pack.Items.Count + PageSize - 1) / PageSize;
    public IReadOnlyList<Item> PageItems => Pack.Items.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    public IReadOnlyList<int> Unanswered { get; private set; } = [];
    public string? TargetLabel { get; private set; }

    public int? Answer(Item item) => Administration.Responses.FirstOrDefault(r => r.ItemId == item.Id)?.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, int? step) =>
        await LoadAsync(id, step) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, int? step, string? nav)
    {
        if (await LoadAsync(id, step) is { } notFound) return notFound;
        var answers = ReadAnswers();
        if (!ModelState.IsValid) return Page();
        await Administrations.SaveAnswersAsync(db, Administration, PageItems, answers, HttpContext.RequestAborted);

        switch (nav)
        {
            case "back": return Redirect($"/Questionnaires/Take/{id}?step={Math.Max(1, PageNumber - 1)}");
            case "leave": return Redirect("/Questionnaires");
            case "finish" or "finish-anyway" when PageNumber == PageCount:
                Unanswered = Pack.Items.Where(i => Answer(i) is null).Select(i => i.Number).ToList();
                if (Unanswered.Count > 0 && nav == "finish") return Page();
                await Administrations.CompleteAsync(db, clock, Pack, Administration, HttpContext.RequestAborted);
                return Redirect($"/Questionnaires/Result/{id}");
            default: return Redirect($"/Questionnaires/Take/{id}?step={Math.Min(PageCount, PageNumber + 1)}");
        }
    }

    // Discards the unfinished sitting (asked first on the page).
    public async Task<IActionResult> OnPostDiscardAsync(Guid id)
    {
        if (await LoadAsync(id, null) is { } notFound) return notFound;
        // Its answers and scores cascade; the local norms' fingerprint counts sittings, so they follow.
        return await db.DeleteForGoodAsync(Administration, HttpContext.RequestAborted) ? Redirect("/Questionnaires?discarded=true") : NotFound();
    }

    // Only this page's items are read, by item id; anything else in the form is ignored.
    Dictionary<string, int> ReadAnswers()
    {
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in PageItems)
        {
            var raw = Request.Form[item.Id].ToString();
            if (raw.Length == 0) continue;
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && Pack.Scale.Contains(value))
                answers[item.Id] = value;
            else
                ModelState.AddModelError(item.Id, $"Statement {item.Number}: choose one of the answers from {Pack.Scale.Min} to {Pack.Scale.Max}.");
        }
        return answers;
    }

    async Task<IActionResult?> LoadAsync(Guid id, int? step)
    {
        var administration = await Administrations.FindForOwnPageAsync(db, access, User, id, SecureBase.Core.Sharing.ConsentScope.ItemAnswers, HttpContext.RequestAborted, SecureBase.Web.Features.Authorization.ClinicalOperation.ForOwnPage(Request.Method));
        if (administration is null || catalog.Find(administration.InstrumentId) is not { } pack) return NotFound();
        if (administration.CompletedAt is not null) return Redirect($"/Questionnaires/Result/{id}");
        (Administration, Pack) = (administration, pack);
        TargetLabel = await Administrations.TargetAsync(text, pack, administration, HttpContext.RequestAborted);
        PageNumber = Math.Clamp(step ?? FirstPageWithAGap(), 1, PageCount);
        return null;
    }

    int FirstPageWithAGap()
    {
        var firstGap = Pack.Items.Select((item, index) => (item, index)).FirstOrDefault(p => Answer(p.item) is null);
        return firstGap.item is null ? PageCount : firstGap.index / PageSize + 1;
    }
}
