using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Sharing;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Accounts;

// The second step of signing in: a code from the authenticator app, or one recovery code. Wrong codes
// count towards the same lockout as wrong passwords.
[AllowBeforeSecondFactor]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class SecondFactorModel(UserManager<AppUser> users, Authenticators authenticators) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Recovery { get; set; }

    public int? CodesLeft { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (await users.IsLockedOutAsync(user)) return Refuse("Too many wrong codes or passwords: the account is locked for 15 minutes.");
        var passed = Recovery
            ? await authenticators.UseRecoveryCodeAsync(user.Id, RecoveryCode, ct)
            : await authenticators.VerifyAsync(user.Id, Code, confirm: false, ct) == CodeVerdict.Accepted;
        if (!passed)
        {
            await users.AccessFailedAsync(user);
            return Refuse(Recovery ? "That recovery code does not match, or it was used already." : "That code does not match, or it was used already. Wait for the next one.");
        }
        await users.ResetAccessFailedCountAsync(user);
        await Sessions.MarkSecondFactorAsync(HttpContext);
        if (Recovery && await authenticators.RecoveryCodesLeftAsync(user.Id, ct) is var left and < 4)
            return Redirect("/Accounts/TwoFactor");   // running out: the page offers new ones
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    PageResult Refuse(string message)
    {
        ModelState.AddModelError(Recovery ? nameof(RecoveryCode) : nameof(Code), message);
        return Page();
    }
}
