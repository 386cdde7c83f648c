using SecureBase.Core.Instruments;

namespace SecureBase.Core.Statistics;

public enum Verdict
{
    ReliableImprovement,
    NoReliableChange,
    ReliableDeterioration,
    CannotJudgeYet,
}

public sealed record ReliableChangeResult(
    string SubscaleId,
    Verdict Verdict,
    double? Before,
    double? After,
    double? Index,
    double? StandardErrorOfDifference,
    double? MinimumReliableChange,
    string? NormSetId,
    string? NormSetName,
    ReliabilityKind? ReliabilityKind,
    string? Reason,
    ClinicalSignificance? Clinical);

// Jacobson & Truax (1991): RC = (post − pre) / (SD₁ · √2 · √(1 − r_xx)), reliable when |RC| > 1.96.
public static class ReliableChange
{
    public const double Criterion = 1.96;

    public static double StandardErrorOfDifference(double sd, double reliability) =>
        sd * Math.Sqrt(2) * Math.Sqrt(1 - reliability);

    public static double Index(double before, double after, double sd, double reliability) =>
        (after - before) / StandardErrorOfDifference(sd, reliability);

    public static ReliableChangeResult Compare(string subscaleId, Better better, double? before, double? after, NormSet? norms)
    {
        if (norms is null)
            return CannotJudge(subscaleId, before, after, null, "no norm set with a defensible SD and reliability is configured for this instrument yet");
        var entry = norms.For(subscaleId);
        if (NormSetRules.Unusable(norms, entry) is { } reason) return CannotJudge(subscaleId, before, after, norms, reason);
        if (before is not { } pre || after is not { } post)
            return CannotJudge(subscaleId, before, after, norms, "one of the two administrations has no score for this subscale (too many items missing)");

        var r = entry!.Reliability!.Value;
        var sdiff = StandardErrorOfDifference(entry.StandardDeviation, r);
        var index = (post - pre) / sdiff;
        var verdict = Math.Abs(index) <= Criterion ? Verdict.NoReliableChange
            : Math.Sign(index) == (int)better ? Verdict.ReliableImprovement
            : Verdict.ReliableDeterioration;
        return new ReliableChangeResult(subscaleId, verdict, pre, post, index, sdiff, Criterion * sdiff, norms.Id, norms.Name,
            entry.ReliabilityKind, null, ClinicalSignificance.Assess(entry, better, pre, post, verdict));
    }

    static ReliableChangeResult CannotJudge(string subscaleId, double? before, double? after, NormSet? norms, string reason) =>
        new(subscaleId, Verdict.CannotJudgeYet, before, after, null, null, null, norms?.Id, norms?.Name, null, reason, null);
}
