using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace SecureBase.Web.Features.MyData;

// The home page says "Your account is deleted" only to the browser that just deleted one: the link carries a
// value signed by the server with the time of deletion, good for ten minutes. "/?deleted=true", typed or sent
// by someone, told anyone that their account was gone.
public static class DeletionReceipt
{
    const string Purpose = "SecureBase.AccountDeleted.v1";
    static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(10);

    public static string Issue(IDataProtectionProvider protection, DateTimeOffset now) =>
        protection.CreateProtector(Purpose).Protect(now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public static bool IsValid(IDataProtectionProvider protection, string? receipt, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(receipt) || receipt.Length > 400) return false;
        try
        {
            var issued = DateTimeOffset.FromUnixTimeSeconds(long.Parse(protection.CreateProtector(Purpose).Unprotect(receipt), CultureInfo.InvariantCulture));
            return issued <= now && now - issued <= ValidFor;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
