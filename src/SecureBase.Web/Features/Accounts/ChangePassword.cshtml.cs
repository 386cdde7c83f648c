using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class ChangePasswordModel(UserManager<AppUser> users, AppDbContext db) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await PasswordChecks.CheckAsync(users, user, Input.Current!) is var check and not PasswordCheck.Correct)
        {
            ModelState.AddModelError("", check == PasswordCheck.LockedOut ? PasswordChecks.LockedMessage : "The current password is incorrect.");
            return Page();
        }
        if (Input.New == Input.Current)
        {
            ModelState.AddModelError("Input.New", "Choose a password different from the current one.");
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current!, Input.New!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError("", error.Code == "PasswordMismatch" ? "The current password is incorrect." : error.Description);
            return Page();
        }
        var kept = await Sessions.IsKeptAsync(HttpContext);
        await Sessions.EndAllAsync(db, user.Id, HttpContext.RequestAborted);   // every other browser is out
        await Sessions.SignInAsync(HttpContext, user, keep: kept);             // this one stays as it was
        return RedirectToPage(new { Changed = true });
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password."), StringLength(256)]
    public string? Current { get; set; }

    [Required(ErrorMessage = "Choose a new password."), StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    public string? New { get; set; }
}
