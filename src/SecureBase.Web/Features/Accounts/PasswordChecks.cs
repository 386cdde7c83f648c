using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

public enum PasswordCheck
{
    Correct,
    Wrong,
    LockedOut,
}

// Every place a password is checked (sign-in, change password, delete account) counts a wrong one
// toward the lockout (5 in a row lock the account for 15 minutes) and refuses a locked account, so
// no form is a way to guess without limit.
public static class PasswordChecks
{
    public static async Task<PasswordCheck> CheckAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        if (await users.IsLockedOutAsync(user)) return PasswordCheck.LockedOut;
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return PasswordCheck.Correct;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? PasswordCheck.LockedOut : PasswordCheck.Wrong;
    }

    public const string LockedMessage = "Too many wrong passwords: the account is locked for 15 minutes.";
}

// A valid hash of no one's password, made with the same hasher settings as real ones (210,000
// iterations), so a sign-in for an unknown address costs what a wrong password costs.
public sealed class DummyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    public string Hash { get; } = new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), Guid.NewGuid().ToString());
}
