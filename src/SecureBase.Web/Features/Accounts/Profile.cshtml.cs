using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Time;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Crisis;

using SecureBase.Web.Features.Forms;

namespace SecureBase.Web.Features.Accounts;

public sealed class ProfileModel(UserManager<AppUser> users, CrisisLines crisisLines, Encryption.PersonalText text) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    // The person's own crisis line (both parts, or neither for the deployment's).
    [BindProperty]
    public CrisisInput Crisis { get; set; } = new();

    public CrisisLine Shown { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Input.TimeZone = Zones.Canonical(user.TimeZoneId) ?? user.TimeZoneId;
        await ShowCrisisAsync(user, fill: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Forget(nameof(Crisis));
        if (!ModelState.IsValid)
        {
            await ShowCrisisAsync(user, fill: true);
            return Page();
        }
        user.TimeZoneId = Zones.Canonical(Input.TimeZone)!;
        await users.UpdateAsync(user);
        return RedirectToPage(new { Saved = true });
    }

    // Saves the person's own crisis line, or with both parts empty goes back to the deployment's.
    public async Task<IActionResult> OnPostCrisisLineAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Forget(nameof(Input));
        var words = Crisis.Text?.Trim() ?? "";
        var number = Crisis.Number?.Trim() ?? "";
        if (words.Length == 0 != (number.Length == 0))
            ModelState.AddModelError(words.Length == 0 ? "Crisis.Text" : "Crisis.Number",
                $"Enter both the words to show and the number to call, or leave both empty for the default (\"{crisisLines.Default.Text}\").");
        else if (words.Length > 0)
        {
            if (words.Length > CrisisLines.MostTextLength) ModelState.AddModelError("Crisis.Text", $"Keep the words to {CrisisLines.MostTextLength} characters.");
            else if (!Forms.PlainText.IsPlain(words, allowLineBreaks: false)) ModelState.AddModelError("Crisis.Text", "Use letters, digits, spaces and punctuation only.");
            if (CrisisLines.ProblemWithNumber(number) is { } problem) ModelState.AddModelError("Crisis.Number", problem);
        }
        if (!ModelState.IsValid)
        {
            Input.TimeZone = Zones.Canonical(user.TimeZoneId) ?? user.TimeZoneId;
            await ShowCrisisAsync(user, fill: false);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        (user.EncryptedCrisisText, user.EncryptedCrisisNumber) = words.Length == 0 ? (null, null)
            : (await text.EncryptAsync(user.Id, words, ct), await text.EncryptAsync(user.Id, number, ct));
        await users.UpdateAsync(user);
        return RedirectToPage(new { Saved = true });
    }

    async Task ShowCrisisAsync(AppUser user, bool fill)
    {
        Shown = await crisisLines.OfAsync(user, HttpContext.RequestAborted);
        if (fill && Shown.IsOwn) (Crisis.Text, Crisis.Number) = (Shown.Text, Shown.Number);
    }
}

public sealed class CrisisInput
{
    public string? Text { get; set; }
    public string? Number { get; set; }
}

public sealed class ProfileInput
{
    [Required(ErrorMessage = "Choose your time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }
}
