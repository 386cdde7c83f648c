using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

public static class TimeZones
{
    // IANA ids known to this machine's time-zone database, for the profile's list.
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal).ToList();

    public static bool IsKnown(string? id) => id is not null && All.Contains(id, StringComparer.Ordinal);

    public static TimeZoneInfo Find(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static async Task<TimeZoneInfo> OfAsync(UserManager<AppUser> users, ClaimsPrincipal user) =>
        Find((await users.GetUserAsync(user))?.TimeZoneId ?? "UTC");
}
