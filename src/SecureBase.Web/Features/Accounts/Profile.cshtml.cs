using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Time;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

public sealed class ProfileModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Input.TimeZone = Zones.Canonical(user.TimeZoneId) ?? user.TimeZoneId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) return Page();
        user.TimeZoneId = Zones.Canonical(Input.TimeZone)!;
        await users.UpdateAsync(user);
        return RedirectToPage(new { Saved = true });
    }
}

public sealed class ProfileInput
{
    [Required(ErrorMessage = "Choose your time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }
}
