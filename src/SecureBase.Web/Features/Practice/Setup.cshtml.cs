using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Practices;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Email;

namespace SecureBase.Web.Features.Practice;

// First run: the setup code proves control of the server; the practice and its owner are created, the
// code file is deleted, and the owner goes straight on to enrol their authenticator.
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class SetupModel(AppDbContext db, UserManager<AppUser> users, SetupCodeFile codeFile, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await PracticeSetup.AnyAsync(db, HttpContext.RequestAborted) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await PracticeSetup.AnyAsync(db, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (!codeFile.Matches(Input.SetupCode))
        {
            ModelState.AddModelError("Input.SetupCode", "That is not the setup code. It is in the app's log and in the file setup-code in its data folder.");
            return Page();
        }
        var email = EmailAddresses.Normalize(Input.Email)!;
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, new AppUser { Email = email }, Input.Password)).Errors)
                ModelState.AddModelError("Input.Password", error.Description);
        if (!ModelState.IsValid) return Page();

        var (_, owner, errors) = await PracticeSetup.CreateAsync(db, users,
            new NewPractice(Input.PracticeName!.Trim(), Zones.Canonical(Input.TimeZone)!, email, Input.Password!), clock.GetUtcNow(), ct);
        if (owner is null)
        {
            foreach (var error in errors) ModelState.AddModelError("", error);
            return Page();
        }
        codeFile.Delete();
        await Accounts.Sessions.SignInAsync(HttpContext, owner);
        return Redirect(Authorization.SecondFactorGate.EnrolPath + "?ReturnUrl=%2FPractice");
    }
}

public sealed class SetupInput
{
    [Required(ErrorMessage = "Enter the setup code."), StringLength(64)]
    public string? SetupCode { get; set; }

    [Required(ErrorMessage = "Name the practice."), StringLength(120, ErrorMessage = "Keep the name under 120 characters.")]
    [RegularExpression(@"^[^\p{C}]*\S[^\p{C}]*$", ErrorMessage = "Use letters, digits and punctuation.")]
    public string? PracticeName { get; set; }

    [Required(ErrorMessage = "Choose the practice's time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }

    [Required(ErrorMessage = "Enter your email address."), MailAddress, StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a password."), StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    public string? Password { get; set; }
}
