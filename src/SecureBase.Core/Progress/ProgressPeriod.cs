using NodaTime;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Time;

namespace SecureBase.Core.Progress;

/// <summary>The stretch of time the progress page looks at.</summary>
public enum ProgressPeriod
{
    ThreeMonths,
    SixMonths,
    OneYear,
    Everything,
}

/// <summary>The first week of a period and the instant it starts, in the person's own time zone.</summary>
public sealed record PeriodStart(DateOnly FirstWeek, DateTimeOffset Instant);

public static class ProgressPeriods
{
    /// <summary>Whole weeks (Monday to Sunday), the current one included: 13, 26 or 52; null for everything.</summary>
    public static int? WeeksOf(ProgressPeriod period) => period switch
    {
        ProgressPeriod.ThreeMonths => 13,
        ProgressPeriod.SixMonths => 26,
        ProgressPeriod.OneYear => 52,
        _ => null,
    };

    /// <summary>
    /// Where the period begins: the Monday <c>weeks − 1</c> weeks before this week's, at local midnight (the
    /// earlier instant if that midnight is ambiguous, the first valid one if it falls in a gap); null for everything.
    /// </summary>
    public static PeriodStart? StartOf(ProgressPeriod period, DateTimeOffset now, DateTimeZone zone)
    {
        if (WeeksOf(period) is not { } weeks) return null;
        var firstWeek = WeeklyMetrics.WeekStartOf(now, zone).AddDays(-7 * (weeks - 1));
        var midnight = zone.AtStartOfDay(LocalDate.FromDateOnly(firstWeek));
        return new PeriodStart(firstWeek, midnight.ToDateTimeOffset());
    }
}
