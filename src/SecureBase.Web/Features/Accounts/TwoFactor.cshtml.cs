using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using SecureBase.Core.Sharing;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Accounts;

// Two-step sign-in: enrol an authenticator app (QR code drawn here, key as text), get ten recovery
// codes once, replace them, or (clients only) turn it off. Owners and therapists are sent here until
// they have enrolled; for them it cannot be turned off.
[AllowBeforeSecondFactor]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class TwoFactorModel(UserManager<AppUser> users, Authenticators authenticators, Viewers viewers) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool On { get; private set; }
    public bool Staff { get; private set; }
    public int CodesLeft { get; private set; }
    public string KeyText { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public IReadOnlyList<string> NewCodes { get; private set; } = [];

    public string Continue => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Staff ? "/Clients" : "/Log";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await LoadAsync() is { } redirect) return redirect;
        if (On) return Page();
        if (await authenticators.VerifyAsync(User.Id(), Code, confirm: true, HttpContext.RequestAborted) != CodeVerdict.Accepted)
            return Refuse("That code does not match. Enter the 6 digits your app shows now.");
        await Sessions.MarkSecondFactorAsync(HttpContext);
        NewCodes = await authenticators.NewRecoveryCodesAsync(User.Id(), HttpContext.RequestAborted);
        On = true;
        return Page();
    }

    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        if (await LoadAsync() is { } redirect) return redirect;
        if (!On) return Page();
        if (await authenticators.VerifyAsync(User.Id(), Code, confirm: false, HttpContext.RequestAborted) != CodeVerdict.Accepted)
            return Refuse("That code does not match, or it was used already. Wait for the next one.");
        NewCodes = await authenticators.NewRecoveryCodesAsync(User.Id(), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        if (await LoadAsync() is { } redirect) return redirect;
        if (!On || Staff) return Page();
        if (await authenticators.VerifyAsync(User.Id(), Code, confirm: false, HttpContext.RequestAborted) != CodeVerdict.Accepted)
            return Refuse("That code does not match, or it was used already. Wait for the next one.");
        await authenticators.RemoveAsync(User.Id(), HttpContext.RequestAborted);
        return Redirect("/Accounts/TwoFactor");
    }

    // Null when the page can be shown; a redirect when this browser has not passed its second factor yet.
    async Task<IActionResult?> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var viewer = await viewers.CurrentAsync(User, ct);
        Staff = viewer.Memberships.Any(m => m.Active);
        On = await authenticators.IsOnAsync(User.Id(), ct);
        if (On && !viewer.MfaSatisfied) return Redirect(SecondFactorGate.VerifyPath);
        if (On)
        {
            CodesLeft = await authenticators.RecoveryCodesLeftAsync(User.Id(), ct);
            return null;
        }
        var secret = await authenticators.PendingSecretAsync(User.Id(), ct);
        var account = (await users.GetUserAsync(User))?.Email ?? "account";
        KeyText = string.Join(' ', Authenticators.KeyText(secret).Chunk(4).Select(c => new string(c)));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Authenticators.OtpAuthUri("SecureBase", account, secret), QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        return null;
    }

    PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Code), message);
        return Page();
    }
}
