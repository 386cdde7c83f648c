using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;

namespace SecureBase.Core.Tests.Statistics;

public class ReliableChangeTests
{
    static NormSet Norms(double sd, double? reliability, int n = 200, NormOrigin origin = NormOrigin.Published,
        PopulationNorm? functional = null, PopulationNorm? clinical = null) =>
        new("test", "Test norms", "ecr-r", origin, "Illustrative inputs, reference §9.4",
            [new NormEntry("anxiety", 4.0, sd, reliability, ReliabilityKind.TestRetest, n, functional, clinical)]);

    [Theory]
    [InlineData(4.6, 3.2, 1.1, 0.85, -2.32)]
    [InlineData(4.6, 4.2, 1.1, 0.85, -0.66)]
    [InlineData(4.8, 3.6, 1.0, 0.85, -2.19)]   // reference §9.4 worked example
    public void IndexIsTheChangeDividedByTheStandardErrorOfTheDifference(
        double before, double after, double sd, double reliability, double expected) =>
        Assert.Equal(expected, ReliableChange.Index(before, after, sd, reliability), precision: 2);

    [Fact]
    public void WorkedExampleFromTheReference()
    {
        var result = ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(1.0, 0.85));
        Assert.Equal(Verdict.ReliableImprovement, result.Verdict);
        Assert.Equal(0.5477, result.StandardErrorOfDifference!.Value, precision: 4);
        Assert.Equal(1.0735, result.MinimumReliableChange!.Value, precision: 4);
        Assert.Equal(-2.1909, result.Index!.Value, precision: 4);
        Assert.Equal("test", result.NormSetId);
        Assert.Equal(ReliabilityKind.TestRetest, result.ReliabilityKind);
    }

    [Theory]
    [InlineData(4.8, 3.6, Better.Lower, Verdict.ReliableImprovement)]
    [InlineData(3.6, 4.8, Better.Lower, Verdict.ReliableDeterioration)]
    [InlineData(3.6, 4.8, Better.Higher, Verdict.ReliableImprovement)]
    [InlineData(4.8, 3.9, Better.Lower, Verdict.NoReliableChange)]   // RC = −1.64
    [InlineData(4.0, 4.0, Better.Lower, Verdict.NoReliableChange)]
    public void VerdictFollowsTheDirectionOfBetter(double before, double after, Better better, Verdict expected) =>
        Assert.Equal(expected, ReliableChange.Compare("anxiety", better, before, after, Norms(1.0, 0.85)).Verdict);

    [Fact]
    public void NoNormSetMeansCannotJudgeYetWithAReason()
    {
        var result = ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, null);
        Assert.Equal(Verdict.CannotJudgeYet, result.Verdict);
        Assert.Null(result.Index);
        Assert.Contains("no norm set", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(1.3)]
    public void AReliabilityOfZeroOrOneCannotSupportAJudgement(double reliability)
    {
        var result = ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(1.0, reliability));
        Assert.Equal(Verdict.CannotJudgeYet, result.Verdict);
        Assert.Contains("strictly between 0 and 1", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29, Verdict.CannotJudgeYet)]
    [InlineData(30, Verdict.ReliableImprovement)]
    public void LocalNormsNeedThirtyBaselines(int n, Verdict expected) =>
        Assert.Equal(expected, ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(1.0, 0.85, n, NormOrigin.Local)).Verdict);

    [Fact]
    public void ZeroSpreadOrMissingReliabilityCannotJudge()
    {
        Assert.Equal(Verdict.CannotJudgeYet, ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(0, 0.85)).Verdict);
        Assert.Equal(Verdict.CannotJudgeYet, ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(1, null)).Verdict);
        Assert.Equal(Verdict.CannotJudgeYet, ReliableChange.Compare("avoidance", Better.Lower, 4.8, 3.6, Norms(1, 0.85)).Verdict);
    }

    [Fact]
    public void AMissingSubscaleScoreCannotJudge() =>
        Assert.Equal(Verdict.CannotJudgeYet, ReliableChange.Compare("anxiety", Better.Lower, null, 3.6, Norms(1.0, 0.85)).Verdict);

    [Fact]
    public void CutoffsMatchTheWorkedExample()
    {
        PopulationNorm clinical = new(5.0, 1.2), functional = new(3.0, 0.8);
        Assert.Equal(3.8, ClinicalSignificance.CutoffCFor(clinical, functional), precision: 10);
        Assert.Equal(2.6, ClinicalSignificance.CutoffAFor(clinical, Better.Lower), precision: 10);
        Assert.Equal(4.6, ClinicalSignificance.CutoffBFor(functional, Better.Lower), precision: 10);
        Assert.Equal(4.0, ClinicalSignificance.CutoffCFor(new(5.0, 1.0), new(3.0, 1.0)), precision: 10);
    }

    [Theory]
    [InlineData(4.8, 3.6, ClinicalCategory.Recovered)]   // reliable and crosses c = 3.8
    [InlineData(5.9, 4.7, ClinicalCategory.Improved)]    // reliable, stays above 3.8
    [InlineData(4.8, 4.4, ClinicalCategory.Unchanged)]
    [InlineData(3.6, 4.8, ClinicalCategory.Deteriorated)]
    public void ClinicalSignificanceUsesCriterionCWhenBothPopulationsAreKnown(double before, double after, ClinicalCategory expected)
    {
        var norms = Norms(1.0, 0.85, functional: new(3.0, 0.8), clinical: new(5.0, 1.2));
        var clinical = ReliableChange.Compare("anxiety", Better.Lower, before, after, norms).Clinical!;
        Assert.Equal('c', clinical.Criterion);
        Assert.Equal(expected, clinical.Category);
    }

    [Fact]
    public void OnlyCriterionAWithoutFunctionalNormsAndNoneWithoutEither()
    {
        var onlyClinical = ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(1.0, 0.85, clinical: new(5.0, 1.2)));
        Assert.Equal('a', onlyClinical.Clinical!.Criterion);
        Assert.Equal(2.6, onlyClinical.Clinical.Cutoff, precision: 10);
        Assert.Null(ReliableChange.Compare("anxiety", Better.Lower, 4.8, 3.6, Norms(1.0, 0.85)).Clinical);
    }
}
