using System.Security.Cryptography;
using System.Text;

namespace SecureBase.Web.Features.Security;

// Secrets sent in links (invitations, booking confirmations, calendar addresses): 256 random bits,
// URL-safe, and only their SHA-256 stored, so a copy of the database opens nothing.
public static class SecretTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
