using NodaTime;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Statistics;

namespace SecureBase.Core.Caseload;

/// <summary>One moment as the session-prep digest counts it: when, how intense (0–10), which pull, when it was noticed, the response.</summary>
public sealed record DigestMoment(Instant At, int Intensity, Pull Pull, Noticed? Noticed, ResponseChoice Response);

/// <summary>
/// Moments in one period: how many, per week (count ÷ days × 7), median intensity, count per pull, the share
/// noticed in the moment (of those with "noticed" answered) and the share where the client paused and
/// chose a new response (of all). Shares and the median are null with no moments to base them on.
/// </summary>
public sealed record PeriodMoments(Instant From, Instant To, int Count, double PerWeek, double? MedianIntensity,
    IReadOnlyDictionary<Pull, int> Pulls, double? ShareNoticedInTheMoment, double? ShareWithNewResponse);

/// <summary>The period asked about and the four weeks before it, side by side.</summary>
public sealed record MomentComparison(PeriodMoments Period, PeriodMoments Before);

/// <summary>
/// The session-prep digest's moment figures (issue 9): "since the last session" against the four weeks
/// before it, with the same definitions as <see cref="WeeklyMetrics"/> so the two pages agree.
/// </summary>
public static class MomentDigest
{
    public static readonly Duration BeforeWindow = Duration.FromDays(28);

    /// <summary>Moments with <paramref name="from"/> ≤ At &lt; <paramref name="to"/>, and in the 28 days before <paramref name="from"/>. <paramref name="to"/> must follow <paramref name="from"/>.</summary>
    public static MomentComparison Compare(IEnumerable<DigestMoment> moments, Instant from, Instant to)
    {
        if (to <= from) throw new ArgumentException("The period must end after it starts.", nameof(to));
        var list = moments.ToList();
        return new MomentComparison(Summarise(list, from, to), Summarise(list, from - BeforeWindow, from));
    }

    static PeriodMoments Summarise(List<DigestMoment> all, Instant from, Instant to)
    {
        var inside = all.Where(m => m.At >= from && m.At < to).ToList();
        var noticed = inside.Where(m => m.Noticed is not null).ToList();
        return new PeriodMoments(from, to, inside.Count, inside.Count / (to - from).TotalDays * 7,
            inside.Count == 0 ? null : Descriptive.Median(inside.Select(m => (double)m.Intensity).ToList()),
            Enum.GetValues<Pull>().ToDictionary(p => p, p => inside.Count(m => m.Pull == p)),
            noticed.Count == 0 ? null : noticed.Count(m => m.Noticed == Noticed.InTheMoment) / (double)noticed.Count,
            inside.Count == 0 ? null : inside.Count(m => m.Response == ResponseChoice.PausedAndChoseNew) / (double)inside.Count);
    }
}
