namespace SecureBase.Core.Statistics;

public enum NormOrigin
{
    Published,
    Local,
}

public enum ReliabilityKind
{
    TestRetest,
    CronbachAlpha,
}

// Norms are data with provenance: every figure carries where it came from, and every reliable-change
// result names the norm set it used.
public sealed record NormSet(
    string Id,
    string Name,
    string InstrumentId,
    NormOrigin Origin,
    string Source,
    IReadOnlyList<NormEntry> Entries)
{
    public const int MinimumLocalN = 30;

    public NormEntry? For(string subscaleId) => Entries.FirstOrDefault(e => e.SubscaleId == subscaleId);
}

// Mean and SD describe the reference (baseline) sample; Reliability is r_xx for the RCI. The
// functional and clinical population figures are optional and enable clinical-significance cut-offs.
public sealed record NormEntry(
    string SubscaleId,
    double Mean,
    double StandardDeviation,
    double? Reliability,
    ReliabilityKind ReliabilityKind,
    int N,
    PopulationNorm? Functional = null,
    PopulationNorm? Clinical = null);

public sealed record PopulationNorm(double Mean, double StandardDeviation);

public static class NormSetRules
{
    // Why an entry cannot support a reliable-change judgement, or null when it can.
    public static string? Unusable(NormSet set, NormEntry? entry)
    {
        if (entry is null) return $"the norm set {set.Name} has no figures for this subscale";
        if (set.Origin == NormOrigin.Local && entry.N < NormSet.MinimumLocalN)
            // Plain words, and no count: how many people use a small practice's server is not a client's business (issue 11).
            return $"too few people on this server have answered it yet to tell a real change from the questionnaire's own wobble; "
                + $"that needs the first answers of at least {NormSet.MinimumLocalN} people, and then it is judged for you";
        if (!(entry.StandardDeviation > 0)) return $"the norm set {set.Name} has no spread (SD = {entry.StandardDeviation:0.###})";
        if (entry.Reliability is not { } r) return $"the norm set {set.Name} has no reliability for this subscale";
        if (!(r > 0 && r < 1)) return $"a reliability of {r:0.###} cannot support a reliable-change judgement (it must lie strictly between 0 and 1)";
        return null;
    }
}
