using NodaTime;
using NodaTime.TimeZones;

namespace SecureBase.Core.Time;

/// <summary>
/// IANA time zones from the tz database that NodaTime ships, not the machine's, so every machine
/// (and the browser's older names) agrees. Source: IANA tz database, as packaged by NodaTime (ADR 0009).
/// </summary>
public static class Zones
{
    static readonly TzdbDateTimeZoneSource Source = TzdbDateTimeZoneSource.Default;

    /// <summary>The zone used when a stored id is missing: "Etc/UTC".</summary>
    public const string Utc = "Etc/UTC";

    /// <summary>
    /// Canonical ids a person can choose from, ordered: every "Area/Location" zone plus "Etc/UTC"
    /// (the other "Etc/GMT±n" zones are left out: their signs are inverted and confuse people).
    /// </summary>
    public static IReadOnlyList<string> CanonicalIds { get; } = Source.CanonicalIdMap.Values
        .Distinct(StringComparer.Ordinal)
        .Where(id => id == Utc || (id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The older or alternative names of a canonical id, e.g. "Asia/Kolkata" → ["Asia/Calcutta"]; empty when none.</summary>
    public static IReadOnlyList<string> AliasesOf(string canonicalId) =>
        Source.Aliases[canonicalId].Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The canonical id for any IANA name or alias ("Asia/Calcutta" → "Asia/Kolkata", "UTC" → "Etc/UTC"),
    /// or null when the name is unknown. Never substitutes a different zone.
    /// </summary>
    public static string? Canonical(string? id) =>
        id is not null && Source.CanonicalIdMap.TryGetValue(id.Trim(), out var canonical) ? canonical : null;

    /// <summary>The zone for a stored id (canonical or alias); UTC when the id is unknown or missing.</summary>
    public static DateTimeZone Find(string? id) =>
        Canonical(id) is { } canonical ? DateTimeZoneProviders.Tzdb[canonical] : DateTimeZone.Utc;
}
