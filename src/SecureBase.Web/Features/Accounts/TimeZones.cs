using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using SecureBase.Core.Time;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

// The person's zone, from the tz database NodaTime ships (Core.Time.Zones), whatever name they chose.
public static class TimeZones
{
    public static async Task<DateTimeZone> OfAsync(UserManager<AppUser> users, ClaimsPrincipal user) =>
        Zones.Find((await users.GetUserAsync(user))?.TimeZoneId);
}

// Any IANA name or alias the tz database knows ("Asia/Calcutta" as well as "Asia/Kolkata"); the
// caller stores Zones.Canonical of it. An unknown name is an error, never silently another zone.
[AttributeUsage(AttributeTargets.Property)]
public sealed class IanaTimeZoneAttribute : System.ComponentModel.DataAnnotations.ValidationAttribute
{
    public IanaTimeZoneAttribute() : base("Choose your time zone from the list.") { }

    // Only names whose canonical zone is one of the choices (so "Etc/GMT+12" is refused: the list leaves it out).
    public override bool IsValid(object? value) => value is null || Zones.Canonical(value as string) is { } canonical && Choices.Contains(canonical);

    static readonly HashSet<string> Choices = new(Zones.CanonicalIds, StringComparer.Ordinal);
}
