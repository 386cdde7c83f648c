using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class SignInModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    const string Failed = "Email or password is incorrect. After 5 failed attempts an account is locked for 15 minutes.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is null)
        {
            // Hash anyway so a missing account takes as long as a wrong password (no enumeration by timing).
            users.PasswordHasher.HashPassword(new AppUser(), Input.Password!);
            ModelState.AddModelError("", Failed);
            return Page();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password!, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", Failed);
            return Page();
        }
        await Sessions.SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Questionnaires");
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address."), StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password."), StringLength(256)]
    public string? Password { get; set; }
}
