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
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountEmails emails) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), MailAddress, StringLength(254)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    // The same answer whether or not the account exists (and whether or not the mail could be sent),
    // so the page cannot be used to find out.
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await users.FindByEmailAsync(EmailAddresses.Normalize(Email)!) is { } user)
            await emails.SendPasswordResetAsync(user, HttpContext.RequestAborted);
        return RedirectToPage(new { Sent = true });
    }
}
