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
// result names the norm set it used. TargetId: the relationship an ECR-RS set was measured about
// ("partner", "mother" …), or null for a set that applies to every target (and to other instruments).
public sealed record NormSet(
    string Id,
    string Name,
    string InstrumentId,
    NormOrigin Origin,
    string Source,
    IReadOnlyList<NormEntry> Entries,
    string? TargetId = null)
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

    /// <summary>
    /// Why a published figure an operator imports (`securebase norms import`) cannot be used, or null when it
    /// can: a source is required (every number shown has one, ADR 0004); the target, if any, must be one of the
    /// instrument's; the subscale the instrument's; the mean on its response scale; the SD above 0 and no wider
    /// than the scale; the reliability strictly between 0 and 1 (as <see cref="Unusable"/> needs); N at least 2.
    /// </summary>
    public static string? ProblemWithPublished(Instruments.InstrumentPack pack, string? target, NormEntry entry, string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return "a source is required: the citation the figures come from (a norm set without one is refused)";
        if (target is not null && pack.Targets.All(t => t.Id != target))
            return pack.Targets.Count == 0 ? $"the {pack.ShortTitle} has no targets; leave target empty"
                : $"target \"{target}\" is not one of the {pack.ShortTitle}'s: {string.Join(", ", pack.Targets.Select(t => t.Id))} (or empty for all)";
        if (pack.FindSubscale(entry.SubscaleId) is null)
            return $"subscale \"{entry.SubscaleId}\" is not one of the {pack.ShortTitle}'s: {string.Join(", ", pack.Subscales.Select(s => s.Id))}";
        if (!double.IsFinite(entry.Mean) || entry.Mean < pack.Scale.Min || entry.Mean > pack.Scale.Max)
            return $"the mean {entry.Mean} is not on the {pack.ShortTitle}'s scale of {pack.Scale.Min} to {pack.Scale.Max}";
        if (!double.IsFinite(entry.StandardDeviation) || entry.StandardDeviation <= 0 || entry.StandardDeviation > pack.Scale.Max - pack.Scale.Min)
            return $"the SD {entry.StandardDeviation} must be above 0 and at most {pack.Scale.Max - pack.Scale.Min}, the width of the scale";
        if (entry.Reliability is not { } r || !(r > 0 && r < 1)) return "the reliability must lie strictly between 0 and 1";
        if (entry.N < 2) return $"N {entry.N} must be at least 2";
        return null;
    }
}
