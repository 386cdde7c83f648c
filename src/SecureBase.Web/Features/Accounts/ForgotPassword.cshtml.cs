using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;

namespace SecureBase.Web.Features.Accounts;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, IOutbox outbox) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(254)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    // The same answer whether or not the account exists, so the page cannot be used to find out.
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await users.FindByEmailAsync(Email!) is { } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{Request.Scheme}://{Request.Host}/Accounts/ResetPassword?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
            await outbox.SendAsync(user.Email!, "Reset your SecureBase password",
                $"Someone asked to reset the password of your SecureBase account.\n\nTo choose a new password, open this link within one hour:\n{link}\n\nIf it was not you, ignore this email; your password stays as it is.\n",
                HttpContext.RequestAborted);
        }
        return RedirectToPage(new { Sent = true });
    }
}
