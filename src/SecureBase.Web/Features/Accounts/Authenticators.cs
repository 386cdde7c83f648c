using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

// TOTP (RFC 6238, SHA-1, 6 digits, 30 s) through Otp.NET, with what Identity's own provider lacks
// (security reference §4): the shared secret is stored protected by the key ring, each code works
// once (the last accepted step is kept and only a later one passes, atomically), one step of drift
// at most, and recovery codes are stored as salted hashes.
public sealed class Authenticators(AppDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int RecoveryCodeCount = 10;
    const string RecoveryAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";   // 31 symbols × 16 = 79 bits

    private readonly IDataProtector _protector = protection.CreateProtector("SecureBase.Authenticator.v1");

    public Task<bool> IsOnAsync(string userId, CancellationToken ct) =>
        db.AuthenticatorKeys.AnyAsync(k => k.UserId == userId && k.ConfirmedAt != null, ct);

    // The secret being enrolled: the unconfirmed one if enrolment was started, else a new one.
    public async Task<byte[]> PendingSecretAsync(string userId, CancellationToken ct)
    {
        var key = await db.AuthenticatorKeys.FirstOrDefaultAsync(k => k.UserId == userId, ct);
        if (key is { ConfirmedAt: null }) return _protector.Unprotect(key.ProtectedSecret);
        if (key is not null) throw new InvalidOperationException("An authenticator is already confirmed.");
        var secret = RandomNumberGenerator.GetBytes(20);
        db.AuthenticatorKeys.Add(new AuthenticatorKey { UserId = userId, ProtectedSecret = _protector.Protect(secret) });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public static string KeyText(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public static string OtpAuthUri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={KeyText(secret)}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";

    // Checks a code against the confirmed key, or with confirm: true against the pending one (and confirms it).
    public async Task<CodeVerdict> VerifyAsync(string userId, string? code, bool confirm, CancellationToken ct)
    {
        var key = await db.AuthenticatorKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId, ct);
        if (key is null || (key.ConfirmedAt is null) != confirm) return CodeVerdict.Wrong;
        var typed = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (typed.Length != 6) return CodeVerdict.Wrong;
        var totp = new Totp(_protector.Unprotect(key.ProtectedSecret));
        long? matched = null;
        foreach (var step in OneTimeCodes.CandidateSteps(OneTimeCodes.StepAt(clock.GetUtcNow())))
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * OneTimeCodes.StepSeconds).UtcDateTime)), Encoding.ASCII.GetBytes(typed)))
                matched = step;
        var verdict = OneTimeCodes.Judge(matched, key.LastAcceptedStep);
        if (verdict != CodeVerdict.Accepted) return verdict;
        // Only one request can move the step forward: a replay racing the first use loses here.
        var now = clock.GetUtcNow();
        var moved = await db.AuthenticatorKeys.Where(k => k.UserId == userId && k.LastAcceptedStep < matched!.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastAcceptedStep, matched!.Value).SetProperty(k => k.ConfirmedAt, k => k.ConfirmedAt ?? now), ct);
        return moved == 1 ? CodeVerdict.Accepted : CodeVerdict.Replayed;
    }

    // Ten new codes, replacing any earlier ones; shown once, stored only as salted hashes.
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(string userId, CancellationToken ct)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        var codes = new List<string>();
        for (var i = 0; i < RecoveryCodeCount; i++)
        {
            var code = RandomNumberGenerator.GetString(RecoveryAlphabet, 16);
            var salt = RandomNumberGenerator.GetBytes(16);
            db.RecoveryCodes.Add(new RecoveryCode { Id = Guid.NewGuid(), UserId = userId, Salt = salt, Hash = HashOf(salt, code) });
            codes.Add($"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}");
        }
        await db.SaveChangesAsync(ct);
        return codes;
    }

    public Task<int> RecoveryCodesLeftAsync(string userId, CancellationToken ct) =>
        db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, ct);

    public async Task<bool> UseRecoveryCodeAsync(string userId, string? typed, CancellationToken ct)
    {
        var code = new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (code.Length != 16) return false;
        foreach (var stored in await db.RecoveryCodes.AsNoTracking().Where(c => c.UserId == userId && c.UsedAt == null).ToListAsync(ct))
        {
            if (!CryptographicOperations.FixedTimeEquals(stored.Hash, HashOf(stored.Salt, code))) continue;
            var now = clock.GetUtcNow();
            return await db.RecoveryCodes.Where(c => c.Id == stored.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;
        }
        return false;
    }

    // Turning it off removes the key and the codes; the next enrolment starts from a new secret.
    public async Task RemoveAsync(string userId, CancellationToken ct)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.AuthenticatorKeys.Where(k => k.UserId == userId).ExecuteDeleteAsync(ct);
    }

    static byte[] HashOf(byte[] salt, string code) => SHA256.HashData([.. salt, .. Encoding.ASCII.GetBytes(code)]);
}
