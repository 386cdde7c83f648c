using NodaTime;
using NodaTime.TimeZones;

namespace SecureBase.Core.Time;

/// <summary>Wall-clock times in a person's or therapist's zone, turned into instants by one rule.</summary>
public static class LocalTimes
{
    /// <summary>
    /// The instant of a local time in a zone. Daylight-saving transitions of any length:
    /// a time inside a gap (it never showed on the clock) is moved forward by the length of the gap,
    /// as a clock set before the jump would show it (02:15 in Australia/Lord_Howe's 30-minute gap on
    /// 2025-10-05 → 02:45, +11:00); a time inside an overlap (it showed twice) is the earlier of the two.
    /// This is NodaTime's lenient resolver; the tables in LocalTimesTests pin it down.
    /// </summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) =>
        zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    /// <summary>
    /// Whether a local time showed on the zone's clock at all: false inside a daylight-saving gap (01:30 on
    /// 2027-03-28 in Europe/London). A time a person types for a session in a gap is refused rather than moved
    /// forward unseen; ToInstant's lenient rule is for times read from stored data.
    /// </summary>
    public static bool Exists(LocalDateTime local, DateTimeZone zone) => zone.MapLocal(local).Count > 0;

    /// <summary>The instant of a local date and time given as a <see cref="DateTime"/> (its Kind is ignored).</summary>
    public static Instant ToInstant(DateTime local, DateTimeZone zone) =>
        ToInstant(LocalDateTime.FromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)), zone);

    /// <summary>The local date and time of an instant in a zone.</summary>
    public static LocalDateTime InZone(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;

    /// <summary>The local calendar date of an instant in a zone.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, DateTimeZone zone) =>
        InZone(instant, zone).Date.ToDateOnly();
}
