using NodaTime;
using SecureBase.Core.Statistics;
using SecureBase.Core.Time;

namespace SecureBase.Core.ActivationLog;

// Per week (Monday to Sunday in the person's own time zone): how often, how intense, how soon
// noticed, how often a new response, how fast settled. A metric with nothing to measure is null.
// Noted: the moments where the person said when they noticed (the denominator of ShareNoticedInTheMoment),
// so shares can be pooled over several weeks.
public sealed record WeekMetrics(
    DateOnly WeekStart,
    int Count,
    double? MedianIntensity,
    double? ShareNoticedInTheMoment,
    double? ShareWithNewResponse,
    double? MedianMinutesToSettle,
    int Noted);

/// <summary>A share pooled over a few weeks (0–1), or null when none of them had a moment to count.</summary>
public sealed record RollingShare(DateOnly WeekStart, double? NewResponse, double? NoticedInTheMoment);

public static class WeeklyMetrics
{
    public static DateOnly WeekStartOf(DateTimeOffset instant, DateTimeZone zone)
    {
        var local = LocalTimes.DateIn(instant, zone);
        return local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
    }

    // Every week from the first entry's week to `today`'s week, empty weeks included: a quiet week is data.
    public static IReadOnlyList<WeekMetrics> Compute(IEnumerable<Activation> activations, DateTimeZone zone, DateTimeOffset today)
    {
        var byWeek = activations.GroupBy(a => WeekStartOf(a.OccurredAt, zone)).ToDictionary(g => g.Key, g => g.ToList());
        if (byWeek.Count == 0) return [];
        var last = WeekStartOf(today, zone);
        var weeks = new List<WeekMetrics>();
        for (var week = byWeek.Keys.Min(); week <= last; week = week.AddDays(7))
            weeks.Add(Measure(week, byWeek.GetValueOrDefault(week) ?? []));
        return weeks;
    }

    static WeekMetrics Measure(DateOnly week, List<Activation> entries)
    {
        if (entries.Count == 0) return new WeekMetrics(week, 0, null, null, null, null, 0);
        var noticed = entries.Where(e => e.Noticed is not null).ToList();
        var settled = entries.Where(e => e.SettledMinutes is not null).Select(e => (double)e.SettledMinutes!.Value).ToList();
        return new WeekMetrics(
            week,
            entries.Count,
            Descriptive.Median(entries.Select(e => (double)e.Intensity).ToList()),
            noticed.Count == 0 ? null : noticed.Count(e => e.Noticed == Noticed.InTheMoment) / (double)noticed.Count,
            entries.Count(e => e.Response == ResponseChoice.PausedAndChoseNew) / (double)entries.Count,
            settled.Count == 0 ? null : Descriptive.Median(settled),
            noticed.Count);
    }

    /// <summary>
    /// Per week, the two shares pooled over that week and the <paramref name="window"/> − 1 weeks before it (moments
    /// with a new response over all moments in the window; noticed in the moment over the moments where that was
    /// noted), so one busy or quiet week does not swing the line. Weeks in, in time order; one value per week out.
    /// </summary>
    public static IReadOnlyList<RollingShare> RollingShares(IReadOnlyList<WeekMetrics> weeks, int window = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var rolling = new List<RollingShare>(weeks.Count);
        for (var i = 0; i < weeks.Count; i++)
        {
            var span = weeks.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).ToList();
            int moments = span.Sum(w => w.Count), noted = span.Sum(w => w.Noted);
            var newResponses = span.Sum(w => Math.Round((w.ShareWithNewResponse ?? 0) * w.Count));
            var inTheMoment = span.Sum(w => Math.Round((w.ShareNoticedInTheMoment ?? 0) * w.Noted));
            rolling.Add(new RollingShare(weeks[i].WeekStart, moments == 0 ? null : newResponses / moments, noted == 0 ? null : inTheMoment / noted));
        }
        return rolling;
    }

    // The trend of one metric over the weeks that have a value, x in weeks since the first.
    public static TrendResult TrendOf(IReadOnlyList<WeekMetrics> weeks, Func<WeekMetrics, double?> metric)
    {
        if (weeks.Count == 0) return Trend.Estimate([]);
        var first = weeks[0].WeekStart;
        var points = weeks.Where(w => metric(w) is not null)
            .Select(w => ((w.WeekStart.DayNumber - first.DayNumber) / 7.0, metric(w)!.Value)).ToList();
        return Trend.Estimate(points);
    }
}
