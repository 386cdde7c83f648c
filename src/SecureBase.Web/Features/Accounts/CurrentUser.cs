using System.Security.Claims;

namespace SecureBase.Web.Features.Accounts;

public static class CurrentUser
{
    // Every page behind the fallback policy has an authenticated user with an id.
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");

    // Marks what the phone keeps for this person (moments saved offline, ADR 0023) so that only they send it,
    // without putting their id in the page: a hash, of no use anywhere else.
    public static string DeviceMarker(this ClaimsPrincipal user) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("securebase-device|" + user.Id())))[..16];
}
