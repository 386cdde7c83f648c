using SecureBase.Core.Instruments;

namespace SecureBase.Core.Statistics;

public enum ClinicalCategory
{
    Recovered,
    Improved,
    Unchanged,
    Deteriorated,
}

// Jacobson & Truax cut-offs as implemented in the R package clinicalsignificance (reference §9.2).
// c needs both populations and is preferred; b needs the functional one; a needs the clinical one.
public sealed record ClinicalSignificance(double? CutoffA, double? CutoffB, double? CutoffC, char Criterion, double Cutoff, bool CrossedCutoff, ClinicalCategory Category)
{
    public static double CutoffAFor(PopulationNorm clinical, Better better) => clinical.Mean + (int)better * 2 * clinical.StandardDeviation;

    public static double CutoffBFor(PopulationNorm functional, Better better) => functional.Mean - (int)better * 2 * functional.StandardDeviation;

    public static double CutoffCFor(PopulationNorm clinical, PopulationNorm functional) =>
        (clinical.StandardDeviation * functional.Mean + functional.StandardDeviation * clinical.Mean)
        / (clinical.StandardDeviation + functional.StandardDeviation);

    public static ClinicalSignificance? Assess(NormEntry entry, Better better, double before, double after, Verdict verdict)
    {
        double? a = entry.Clinical is { } c ? CutoffAFor(c, better) : null;
        double? b = entry.Functional is { } f ? CutoffBFor(f, better) : null;
        double? cc = entry is { Clinical: { } c2, Functional: { } f2 } ? CutoffCFor(c2, f2) : null;
        var (criterion, cutoff) = cc is { } vc ? ('c', vc) : b is { } vb ? ('b', vb) : a is { } va ? ('a', va) : ('-', double.NaN);
        if (criterion == '-') return null;

        var d = (int)better;
        var crossed = d * before < d * cutoff && d * after > d * cutoff;
        var category = verdict switch
        {
            Verdict.ReliableImprovement => crossed ? ClinicalCategory.Recovered : ClinicalCategory.Improved,
            Verdict.ReliableDeterioration => ClinicalCategory.Deteriorated,
            _ => ClinicalCategory.Unchanged,
        };
        return new ClinicalSignificance(a, b, cc, criterion, cutoff, crossed, category);
    }
}
