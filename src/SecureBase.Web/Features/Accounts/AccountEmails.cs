using Microsoft.AspNetCore.Identity;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Security;

namespace SecureBase.Web.Features.Accounts;

// The account messages. Links come from the configured public base URL (PublicUrls), never from the
// request. A failure to send is logged without the address and does not change what the page says,
// so a page cannot tell an existing account (mail attempted) from an unknown one (nothing to send).
public sealed class AccountEmails(UserManager<AppUser> users, IOutbox outbox, PublicUrls urls, ILogger<AccountEmails> log)
{
    public async Task SendConfirmationAsync(AppUser user, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = urls.To($"/Accounts/ConfirmEmail?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        await SendAsync(user.Email!, "Confirm your SecureBase account",
            $"Someone created a SecureBase account with this address.\n\nTo confirm it, open this link within one hour:\n{link}\n\n" +
            "If it was not you, ignore this email and the account stays unusable.\n", ct);
    }

    public Task SendAlreadyRegisteredAsync(AppUser user, CancellationToken ct) =>
        SendAsync(user.Email!, "Someone tried to create a SecureBase account with your address",
            "Someone tried to create a SecureBase account with this address, which already has one.\n\n" +
            $"If it was you, sign in: {urls.To("/Accounts/SignIn")}\nForgot your password? {urls.To("/Accounts/ForgotPassword")}\n\n" +
            "If it was not you, ignore this email: nothing has changed.\n", ct);

    public async Task SendPasswordResetAsync(AppUser user, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.To($"/Accounts/ResetPassword?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        await SendAsync(user.Email!, "Reset your SecureBase password",
            $"Someone asked to reset the password of your SecureBase account.\n\nTo choose a new password, open this link within one hour:\n{link}\n\n" +
            "If it was not you, ignore this email; your password stays as it is.\n", ct);
    }

    async Task SendAsync(string recipient, string subject, string body, CancellationToken ct)
    {
        try
        {
            await outbox.SendAsync(recipient, subject, body, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("An account email ({Subject}) could not be sent: {Error}", subject, e.GetType().Name);
        }
    }
}
