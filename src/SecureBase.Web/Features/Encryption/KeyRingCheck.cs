using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Web.Features.Encryption;

// Data Protection silently creates a new key ring when its folder is empty or wrong. With encrypted
// data already in the database that would mean every note unreadable and new ones under a new ring,
// so start-up refuses instead and says why.
public static class KeyRingCheck
{
    public static async Task VerifyKeyRingAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sample = await db.UserKeys.AsNoTracking().OrderBy(k => k.UserId).Select(k => k.WrappedKey).FirstOrDefaultAsync(ct);
        if (sample is null) return;
        try
        {
            PersonalText.Wrapper(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>()).Unprotect(sample);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                "Refusing to start: the database holds encrypted notes, but the key ring in SecureBase:KeyDirectory cannot open them. " +
                "Restore the key ring from your backup (it is kept apart from the database) or point SecureBase:KeyDirectory at it.");
        }
    }
}
