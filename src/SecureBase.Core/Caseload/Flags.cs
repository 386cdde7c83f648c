using NodaTime;
using SecureBase.Core.Measures;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Statistics;

namespace SecureBase.Core.Caseload;

/// <summary>What can make a client need their therapist's attention.</summary>
public enum FlagKind
{
    ReliableDeterioration,
    MeasureOverdue,
    MeasureMissed,
    StoppedLogging,
    HighIntensityCluster,
    SessionsMissedInARow,
}

/// <summary>
/// A raised flag: its kind; its key, which names what it is about (the kind, and for a verdict or a measure the
/// instrument and subscale or target, so acknowledging the ECR-R's anxiety leaves its avoidance and the ECR-RS
/// flagged); plain words; and when the newest thing that raised it was recorded (an acknowledgement older than
/// that no longer quiets it).
/// </summary>
public sealed record Flag(FlagKind Kind, string Key, string Detail, Instant Since);

/// <summary>
/// One moment from the client's log: when it happened, how intense (0–10), and when it was logged (a moment
/// logged today about last night is new to the therapist, though it happened before an acknowledgement).
/// </summary>
public sealed record Moment(Instant At, int Intensity, Instant RecordedAt);

/// <summary>A verdict of the client's latest administration against their baseline, per subscale, and when it was completed.</summary>
public sealed record LatestVerdict(string Measure, string SubscaleId, Verdict Verdict, Instant CompletedAt);

/// <summary>
/// What the flag rules look at for one client, each part present only as far as the client shares it
/// (an empty list raises nothing): verdicts (Scores scope), measure states, moments (ActivationEntries
/// or WeeklyMetrics scope), and past sessions (the therapist's own schedule).
/// </summary>
public sealed record ClientSignals(IReadOnlyList<LatestVerdict> Verdicts, IReadOnlyList<DueMeasure> Measures, IReadOnlyList<Moment> Moments, IReadOnlyList<PastSession> Sessions);

/// <summary>
/// The caseload's flags (issue 9), pure. Rules: a reliable deterioration on any subscale of the latest
/// administration; a scheduled measure overdue, or missed since its last due date; no moment logged for
/// <see cref="QuietDays"/> days by a client who logged at least <see cref="UsualMinimum"/> in the
/// <see cref="UsualWindowDays"/> days before that; <see cref="ClusterSize"/> or more moments of intensity ≥
/// <see cref="HighIntensity"/> within <see cref="ClusterDays"/> days, the last of them in the past 14 days;
/// the two latest sessions the client could attend both missed (no-show or late cancellation). Thresholds
/// are this product's defaults, not clinical norms.
/// </summary>
public static class FlagRules
{
    public const int QuietDays = 14;
    public const int UsualWindowDays = 56;
    public const int UsualMinimum = 4;
    public const int HighIntensity = 8;
    public const int ClusterSize = 3;
    public const int ClusterDays = 7;

    public static IReadOnlyList<Flag> Raise(ClientSignals signals, Instant now, DateTimeZone zone)
    {
        var flags = new List<Flag>();
        foreach (var worse in signals.Verdicts.Where(v => v.Verdict == Verdict.ReliableDeterioration))
            flags.Add(new Flag(FlagKind.ReliableDeterioration, $"{FlagKind.ReliableDeterioration}:{worse.Measure}:{worse.SubscaleId}",
                $"{worse.Measure} {worse.SubscaleId}: reliable deterioration since baseline", worse.CompletedAt));

        foreach (var measure in signals.Measures)
        {
            var name = measure.Rule.InstrumentId.ToUpperInvariant() + (measure.Rule.TargetId is { } t ? $" ({t})" : "");
            if (measure.State == DueState.Overdue)
                flags.Add(new Flag(FlagKind.MeasureOverdue, $"{FlagKind.MeasureOverdue}:{name}", $"{name} overdue since {measure.DueOn!.Value.PlusDays(MeasureSchedules.GraceDays).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}",
                    measure.DueOn!.Value.PlusDays(MeasureSchedules.GraceDays).AtStartOfDayInZone(zone).ToInstant()));
            if (measure.Missed > 0 && measure.DueOn is { } current)
                flags.Add(new Flag(FlagKind.MeasureMissed, $"{FlagKind.MeasureMissed}:{name}", $"{name} missed {measure.Missed}×", current.AtStartOfDayInZone(zone).ToInstant()));
        }

        var moments = signals.Moments.Where(m => m.At <= now).OrderBy(m => m.At).ToList();
        var quietFrom = now - Duration.FromDays(QuietDays);
        if (moments.Count > 0 && moments[^1].At < quietFrom
            && moments.Count(m => m.At >= quietFrom - Duration.FromDays(UsualWindowDays) && m.At < quietFrom) >= UsualMinimum)
            flags.Add(new Flag(FlagKind.StoppedLogging, nameof(FlagKind.StoppedLogging), $"no moment logged for {(now - moments[^1].At).Days} days", moments[^1].At + Duration.FromDays(QuietDays)));

        var intense = moments.Where(m => m.Intensity >= HighIntensity).ToList();
        for (var i = intense.Count - 1; i >= ClusterSize - 1; i--)
        {
            if (intense[i].At < quietFrom) break;
            if (intense[i].At - intense[i - ClusterSize + 1].At <= Duration.FromDays(ClusterDays))
            {
                // New since an acknowledgement: any intense moment of the past 14 days logged after it, whenever it happened.
                var newest = intense.Where(m => m.At >= quietFrom).Max(m => m.RecordedAt > m.At ? m.RecordedAt : m.At);
                flags.Add(new Flag(FlagKind.HighIntensityCluster, nameof(FlagKind.HighIntensityCluster),
                    $"{ClusterSize} or more moments of intensity {HighIntensity}+ within {ClusterDays} days", newest));
                break;
            }
        }

        var attendable = signals.Sessions.Where(s => s.Start < now && s.Outcome is not (Outcome.CancelledByTherapist or Outcome.Unmarked))
            .OrderByDescending(s => s.Start).Take(2).ToList();
        // New since an acknowledgement: either of the two sessions, or its attendance recorded after it.
        if (attendable.Count == 2 && attendable.All(s => s.Outcome is Outcome.NoShow or Outcome.LateCancellation))
            flags.Add(new Flag(FlagKind.SessionsMissedInARow, nameof(FlagKind.SessionsMissedInARow), "the last two sessions missed",
                attendable.Max(s => s.RecordedAt is { } recorded && recorded > s.Start ? recorded : s.Start)));
        return flags;
    }

    /// <summary>The flags not quieted: a flag stays quiet after the therapist acknowledged it (by its key), until something newer raises it.</summary>
    public static IReadOnlyList<Flag> Unacknowledged(IReadOnlyList<Flag> flags, IReadOnlyDictionary<string, Instant> acknowledged) =>
        flags.Where(f => !acknowledged.TryGetValue(f.Key, out var at) || f.Since > at).ToList();
}
