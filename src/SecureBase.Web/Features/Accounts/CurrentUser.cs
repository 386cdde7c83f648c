using System.Security.Claims;

namespace SecureBase.Web.Features.Accounts;

public static class CurrentUser
{
    // Every page behind the fallback policy has an authenticated user with an id.
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");
}
