using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

// Every way a sign-in can fail (unknown address, wrong password, locked account) gives one message
// and costs one password hash, so neither the page nor its timing tells which it was. Only someone
// who knows the password learns that the address still needs confirming.
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class SignInModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountEmails emails, DummyPasswordHash dummy) : PageModel
{
    const string Failed = "Email or password is incorrect. After 5 failed attempts an account is locked for 15 minutes.";
    const string Unconfirmed = "Confirm your email address first: we have sent a new link to it. Open it, then sign in.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is null || user.PasswordHash is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), user?.PasswordHash ?? dummy.Hash, Input.Password!);
            return Fail(Failed);
        }
        if (!user.EmailConfirmed)
        {
            if (await PasswordChecks.CheckAsync(users, user, Input.Password!) != PasswordCheck.Correct) return Fail(Failed);
            await emails.SendConfirmationAsync(user, HttpContext.RequestAborted);
            return Fail(Unconfirmed);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password!, lockoutOnFailure: true);
        if (!result.Succeeded) return Fail(Failed);
        await Sessions.SignInAsync(HttpContext, user, keep: Input.KeepSignedIn);
        // Owners and therapists start at their caseload; the second-factor gate asks for a code first.
        var staff = await HttpContext.RequestServices.GetRequiredService<SecureBase.Data.AppDbContext>().PracticeMembers
            .AnyAsync(m => m.UserId == user.Id && m.DeactivatedAt == null, HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : staff ? "/Clients" : "/Log");
    }

    PageResult Fail(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address."), StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password."), StringLength(256)]
    public string? Password { get; set; }

    // Clients only (Sessions.SignInAsync refuses it to owners and therapists), ADR 0022.
    public bool KeepSignedIn { get; set; }
}
