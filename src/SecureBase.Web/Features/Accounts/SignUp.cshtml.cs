using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Time;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;

namespace SecureBase.Web.Features.Accounts;

// Sign-up answers the same for a new address and a taken one, so it cannot be used to find out who
// has an account: both end on "check your email". A new address gets a confirmation link; the owner
// of a taken one is told that someone tried. Both paths hash the password once.
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class SignUpModel(UserManager<AppUser> users, AccountEmails emails, TimeProvider clock, IConfiguration configuration) : PageModel
{
    // An operator can close public sign-up (SecureBase:PublicSignUp = false): then only invitations create accounts.
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (!configuration.GetValue("SecureBase:PublicSignUp", true))
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }

    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        var email = EmailAddresses.Normalize(Input.Email)!;
        // The password is judged before the address is looked up, so its verdict cannot depend on whether the account exists.
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, new AppUser { Email = email }, Input.Password)).Errors)
                ModelState.AddModelError("Input.Password", error.Description);
        if (!ModelState.IsValid) return Page();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            users.PasswordHasher.HashPassword(existing, Input.Password!);   // the cost a new account pays
            await emails.SendAlreadyRegisteredAsync(existing, ct);
            return RedirectToPage(new { Sent = true });
        }

        var user = new AppUser { UserName = email, Email = email, TimeZoneId = Zones.Canonical(Input.TimeZone)!, CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(user, Input.Password!);
        if (result.Succeeded) await emails.SendConfirmationAsync(user, ct);
        else if (!result.Errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))   // a duplicate here is a race: answer as above
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        return RedirectToPage(new { Sent = true });
    }
}

public sealed class SignUpInput
{
    [Required(ErrorMessage = "Enter your email address."), MailAddress, StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a password."), StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Choose your time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }
}
