using SecureBase.Core.ActivationLog;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Core.WorkingModel;

namespace SecureBase.Core.Progress;

/// <summary>The markers of change a person follows, in the order the progress page shows them (issue 11).</summary>
public enum Marker
{
    MomentsPerWeek,
    Intensity,
    NoticedInTheMoment,
    NewResponse,
    MinutesToSettle,
    ExpectedVersusActualCare,
    EcrAnxiety,
    EcrAvoidance,
}

/// <summary>What one marker did over the period, judged against the direction the work aims for.</summary>
public enum ChangeKind
{
    TowardTheGoal,
    AwayFromTheGoal,
    NoClearChange,
    NotEnoughData,
    CannotJudgeYet,
}

/// <summary>
/// One marker over the period. Trend markers (weekly and monthly) carry the Theil–Sen slope and its 95% interval
/// in the marker's unit per week (per month for expected-versus-actual care) and Points, the weeks or months with a
/// value; questionnaire markers carry From and To (scale points) and the reliable-change verdict's result.
/// </summary>
public sealed record MarkerChange(Marker Marker, Better Better, ChangeKind Kind, int Points,
    double? Slope = null, double? Lower = null, double? Upper = null,
    double? From = null, double? To = null, ReliableChangeResult? Verdict = null);

/// <summary>An ECR-R sitting as the summary needs it: when, and the two subscale scores (1–7, null when unscored).</summary>
public sealed record EcrSitting(DateTimeOffset CompletedAt, double? Anxiety, double? Avoidance);

/// <summary>
/// "Is anything changing?": every marker over one period, each with its direction or the plain reason there is
/// none, and none left out because it looks bad. Pure: the caller passes the period's weeks and months and every
/// ECR-R sitting; nothing is read here.
/// </summary>
public static class ChangeSummary
{
    /// <param name="weeks">The period's weeks in time order (WeeklyMetrics.Compute, cut to the period).</param>
    /// <param name="careGaps">The period's months in time order, with the absolute gap between expected and actual care (Calibration.GapByMonth).</param>
    /// <param name="ecrR">Every completed ECR-R sitting, any order: the one at or before the period's start is its baseline.</param>
    /// <param name="ecrNorms">The norm set verdicts use; null when there is none.</param>
    /// <param name="periodStart">The period's first instant; null for the whole history.</param>
    public static IReadOnlyList<MarkerChange> Of(IReadOnlyList<WeekMetrics> weeks, IReadOnlyList<MonthGap> careGaps,
        IReadOnlyList<EcrSitting> ecrR, NormSet? ecrNorms, DateTimeOffset? periodStart)
    {
        var sittings = ecrR.OrderBy(s => s.CompletedAt).ToList();
        return
        [
            FromTrend(Marker.MomentsPerWeek, Better.Lower, WeeklyMetrics.TrendOf(weeks, w => w.Count)),
            FromTrend(Marker.Intensity, Better.Lower, WeeklyMetrics.TrendOf(weeks, w => w.MedianIntensity)),
            FromTrend(Marker.NoticedInTheMoment, Better.Higher, WeeklyMetrics.TrendOf(weeks, w => w.ShareNoticedInTheMoment * 100)),
            FromTrend(Marker.NewResponse, Better.Higher, WeeklyMetrics.TrendOf(weeks, w => w.ShareWithNewResponse * 100)),
            FromTrend(Marker.MinutesToSettle, Better.Lower, WeeklyMetrics.TrendOf(weeks, w => w.MedianMinutesToSettle)),
            FromTrend(Marker.ExpectedVersusActualCare, Better.Lower, MonthlyTrend(careGaps)),
            FromSittings(Marker.EcrAnxiety, "anxiety", sittings, s => s.Anxiety, ecrNorms, periodStart),
            FromSittings(Marker.EcrAvoidance, "avoidance", sittings, s => s.Avoidance, ecrNorms, periodStart),
        ];
    }

    /// <summary>A trend's direction against the better direction; no trend when its interval holds zero.</summary>
    public static ChangeKind KindOf(TrendResult trend, Better better) =>
        !trend.HasEnoughData ? ChangeKind.NotEnoughData
        : trend.Direction == TrendDirection.NoClearTrend ? ChangeKind.NoClearChange
        : (trend.Direction == TrendDirection.Rising) == (better == Better.Higher) ? ChangeKind.TowardTheGoal
        : ChangeKind.AwayFromTheGoal;

    static MarkerChange FromTrend(Marker marker, Better better, TrendResult trend) =>
        new(marker, better, KindOf(trend, better), trend.N, trend.Slope, trend.Lower, trend.Upper);

    static TrendResult MonthlyTrend(IReadOnlyList<MonthGap> months)
    {
        if (months.Count == 0) return Trend.Estimate([]);
        var first = months[0].Month;
        return Trend.Estimate(months.Select(m => ((double)((m.Month.Year - first.Year) * 12 + m.Month.Month - first.Month), m.AbsoluteGapPercent)).ToList());
    }

    // The period's baseline is the last sitting at or before its start (so a period that begins between two
    // sittings still compares like with like), else its first sitting; the comparison is with the latest.
    static MarkerChange FromSittings(Marker marker, string subscaleId, List<EcrSitting> sittings, Func<EcrSitting, double?> score, NormSet? norms, DateTimeOffset? periodStart)
    {
        var scored = sittings.Where(s => score(s) is not null).ToList();
        var baseline = periodStart is { } start ? scored.LastOrDefault(s => s.CompletedAt <= start) ?? scored.FirstOrDefault(s => s.CompletedAt > start) : scored.FirstOrDefault();
        var latest = scored.LastOrDefault();
        if (baseline is null || latest is null || ReferenceEquals(baseline, latest))
            return new MarkerChange(marker, Better.Lower, ChangeKind.NotEnoughData, baseline is null ? 0 : 1, From: baseline is null ? null : score(baseline));
        var verdict = ReliableChange.Compare(subscaleId, Better.Lower, score(baseline), score(latest), norms);
        var kind = verdict.Verdict switch
        {
            Verdict.ReliableImprovement => ChangeKind.TowardTheGoal,
            Verdict.ReliableDeterioration => ChangeKind.AwayFromTheGoal,
            Verdict.NoReliableChange => ChangeKind.NoClearChange,
            _ => ChangeKind.CannotJudgeYet,
        };
        return new MarkerChange(marker, Better.Lower, kind, scored.Count(s => s.CompletedAt >= baseline.CompletedAt), From: score(baseline), To: score(latest), Verdict: verdict);
    }
}
