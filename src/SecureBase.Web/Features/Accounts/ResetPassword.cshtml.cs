using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class ResetPasswordModel(UserManager<AppUser> users, AppDbContext db) : PageModel
{
    const string Invalid = "This reset link is not valid or has expired. Ask for a new one.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a new password."), StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    public string? Password { get; set; }

    public void OnGet() => ModelState.Clear();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var result = user is null || Token is null ? null : await users.ResetPasswordAsync(user, Token, Password!);
        if (result is not { Succeeded: true })
        {
            ModelState.AddModelError("", result?.Errors.Any(e => e.Code != "InvalidToken") == true ? string.Join(" ", result.Errors.Select(e => e.Description)) : Invalid);
            return Page();
        }
        if (!user!.EmailConfirmed)   // the link reached them: the address is theirs
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await users.SetLockoutEndDateAsync(user, null);   // a new password from the mailbox lifts a lock the old one caused
        await users.ResetAccessFailedCountAsync(user);
        await Sessions.EndAllAsync(db, user.Id, HttpContext.RequestAborted);   // a reset ends every session
        return Redirect("/Accounts/SignIn?reset=true");
    }
}
