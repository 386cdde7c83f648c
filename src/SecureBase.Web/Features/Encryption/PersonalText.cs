using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Encryption;

public sealed record DecryptedText(string? Text, bool Unreadable);

// Envelope encryption of personal free text (notes, relationship labels): AES-256-GCM with a random
// per-user key; that key is stored wrapped by ASP.NET Data Protection, whose key ring lives outside
// the database. A database dump alone reveals nothing, and deleting the user's key row shreds their text.
// Ciphertext layout: version (1) | nonce (12) | tag (16) | ciphertext. The owner's id is authenticated
// data, so a ciphertext moved to another user's row fails to open.
public sealed class PersonalText(AppDbContext db, IDataProtectionProvider protection)
{
    const byte Version = 1;
    const int NonceSize = 12, TagSize = 16, KeySize = 32;

    private readonly IDataProtector _wrapper = Wrapper(protection);
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public static IDataProtector Wrapper(IDataProtectionProvider protection) => SecureBase.Data.Encryption.KeyRing.UserKeyWrapper(protection);

    public async Task<byte[]?> EncryptAsync(string userId, string? text, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var key = await KeyAsync(userId, create: true, ct);
        var plain = Encoding.UTF8.GetBytes(text);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key!, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(userId));
        return output;
    }

    public async Task<DecryptedText> DecryptAsync(string userId, byte[]? data, CancellationToken ct)
    {
        if (data is null) return new DecryptedText(null, false);
        var key = await KeyAsync(userId, create: false, ct);
        if (key is null || data.Length < 1 + NonceSize + TagSize || data[0] != Version) return new DecryptedText(null, true);
        var plain = new byte[data.Length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(1, NonceSize), data.AsSpan(1 + NonceSize + TagSize), data.AsSpan(1 + NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(userId));
            return new DecryptedText(Encoding.UTF8.GetString(plain), false);
        }
        catch (CryptographicException)
        {
            return new DecryptedText(null, true);   // tampered or wrong key: fail closed, never show garbage
        }
    }

    async Task<byte[]?> KeyAsync(string userId, bool create, CancellationToken ct)
    {
        if (_keys.TryGetValue(userId, out var cached)) return cached;
        var stored = await db.UserKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId, ct);
        byte[]? key;
        if (stored is not null) key = Unwrap(stored.WrappedKey);
        else if (!create) return null;
        else
        {
            key = RandomNumberGenerator.GetBytes(KeySize);
            db.UserKeys.Add(new UserKey { UserId = userId, WrappedKey = _wrapper.Protect(key) });
            await db.SaveChangesAsync(ct);
        }
        if (key is not null) _keys[userId] = key;
        return key;
    }

    byte[]? Unwrap(byte[] wrapped)
    {
        try
        {
            return _wrapper.Unprotect(wrapped);
        }
        catch (CryptographicException)
        {
            return null;   // the key ring is missing or different: the text stays closed
        }
    }
}
