using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class SignUpModel(UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!TimeZones.IsKnown(Input.TimeZone)) ModelState.AddModelError("Input.TimeZone", "Choose a time zone from the list.");
        if (!ModelState.IsValid) return Page();

        var user = new AppUser { UserName = Input.Email, Email = Input.Email, TimeZoneId = Input.TimeZone!, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", Describe(error));
            return Page();
        }
        await Sessions.SignInAsync(HttpContext, user);
        return Redirect("/Questionnaires");
    }

    // Identity's duplicate-name messages repeat the address back; ours say what to do instead.
    static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "An account could not be created with this email. If you already have one, sign in instead.",
        _ => error.Description,
    };
}

public sealed class SignUpInput
{
    [Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a password."), StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    public string? Password { get; set; }

    public string? TimeZone { get; set; }
}
