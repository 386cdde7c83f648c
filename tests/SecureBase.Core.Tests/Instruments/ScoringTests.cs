using SecureBase.Core.Instruments;

namespace SecureBase.Core.Tests.Instruments;

public class ScoringTests
{
    static double? Subscale(ScoringResult result, string id) => result.Score!.Subscale(id)!.Value;

    [Theory]
    // value for every item → expected anxiety, avoidance. Hand-computed: with all 7s, anxiety has
    // 16 items at 7 and items 9 and 11 reversed to 1: 114 / 18; avoidance has 6 items at 7 and 12 reversed to 1: 54 / 18.
    [InlineData(4, 4.0, 4.0)]
    [InlineData(7, 114.0 / 18, 3.0)]
    [InlineData(1, 18.0 / 18 + 12.0 / 18, 5.0)]
    public void EcrRAllAnswersEqualAreScoredAfterReversal(int value, double anxiety, double avoidance)
    {
        var result = Scoring.Score(ShippedPacks.EcrR, ShippedPacks.All(ShippedPacks.EcrR, value));
        Assert.Equal(anxiety, Subscale(result, "anxiety")!.Value, precision: 10);
        Assert.Equal(avoidance, Subscale(result, "avoidance")!.Value, precision: 10);
    }

    [Fact]
    public void EcrRReverseKeysAreExactlyThoseInTheReference()
    {
        var reversed = ShippedPacks.EcrR.Items.Where(i => i.Reversed).Select(i => i.Number);
        Assert.Equal([9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36], reversed);
        Assert.False(ShippedPacks.EcrR.FindItemByNumber(21)!.Reversed);
    }

    [Fact]
    public void EcrRsScoresAvoidanceFromItemsOneToSixAndAnxietyFromSevenToNine()
    {
        // Items 1–4 reversed: raw 2,3,4,5 → 6,5,4,3; items 5,6 raw 6,7; anxiety 7,8,9 raw 1,2,6.
        var sheet = ShippedPacks.ByNumber(ShippedPacks.EcrRs, (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 1), (8, 2), (9, 6));
        var result = Scoring.Score(ShippedPacks.EcrRs, sheet);
        Assert.Equal((6 + 5 + 4 + 3 + 6 + 7) / 6.0, Subscale(result, "avoidance")!.Value, precision: 10);
        Assert.Equal(3.0, Subscale(result, "anxiety")!.Value, precision: 10);
    }

    [Fact]
    public void ThreeOfEighteenMissingIsProratedAndFlagged()
    {
        var result = Scoring.Score(ShippedPacks.EcrR, ShippedPacks.All(ShippedPacks.EcrR, 5, 1, 2, 3));
        var anxiety = result.Score!.Subscale("anxiety")!;
        Assert.True(anxiety.Prorated);
        Assert.Equal(15, anxiety.Answered);
        Assert.Equal((13 * 5 + 2 * 3) / 15.0, anxiety.Value!.Value, precision: 10);   // 9 and 11 reversed to 3
        Assert.False(result.Score.Subscale("avoidance")!.Prorated);
    }

    [Fact]
    public void FourOfEighteenMissingHasNoScore()
    {
        var result = Scoring.Score(ShippedPacks.EcrR, ShippedPacks.All(ShippedPacks.EcrR, 5, 19, 20, 21, 22));
        Assert.Null(Subscale(result, "avoidance"));
        Assert.NotNull(Subscale(result, "anxiety"));
        Assert.Null(result.Score!.Plane);
    }

    [Theory]
    [InlineData(1, true)]    // exactly 20% of 5 missing: scored, prorated
    [InlineData(2, false)]   // 40%: no score
    public void ExactlyTwentyPercentMissingIsStillScored(int missing, bool scored)
    {
        var pack = TestPacks.FiveItemPack();
        var answers = pack.Items.Skip(missing).ToDictionary(i => i.Id, _ => 3);
        var result = Scoring.Score(pack, new AnswerSheet(pack.Id, answers));
        Assert.Equal(scored, result.Score!.Subscale("main")!.Value is not null);
    }

    [Fact]
    public void OneMissingOfThreeEcrRsAnxietyItemsHasNoScore()
    {
        var result = Scoring.Score(ShippedPacks.EcrRs, ShippedPacks.All(ShippedPacks.EcrRs, 4, 9));
        Assert.Null(Subscale(result, "anxiety"));
    }

    [Fact]
    public void AllMissingGivesNoScoresAndNoPlanePoint()
    {
        var result = Scoring.Score(ShippedPacks.EcrR, new AnswerSheet("ecr-r", new Dictionary<string, int>()));
        Assert.All(result.Score!.Subscales, s => Assert.Null(s.Value));
        Assert.Null(result.Score.Plane);
    }

    [Fact]
    public void RqGivesFourRatingsAndBothModels()
    {
        var sheet = new AnswerSheet("rq", new Dictionary<string, int> { ["rq.secure"] = 6, ["rq.fearful"] = 2, ["rq.preoccupied"] = 3, ["rq.dismissing"] = 5 });
        var score = Scoring.Score(ShippedPacks.Rq, sheet).Score!;
        Assert.Equal(6, score.Subscale("secure")!.Value);
        Assert.Equal((6 + 5) - (2 + 3), score.Composite("model-of-self")!.Value);
        Assert.Equal((6 + 3) - (2 + 5), score.Composite("model-of-other")!.Value);
        Assert.Null(score.Plane);
    }

    [Fact]
    public void RqCompositeNeedsAllFourRatings()
    {
        var sheet = new AnswerSheet("rq", new Dictionary<string, int> { ["rq.secure"] = 6, ["rq.fearful"] = 2, ["rq.preoccupied"] = 3 });
        Assert.Null(Scoring.Score(ShippedPacks.Rq, sheet).Score!.Composite("model-of-self")!.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-3)]
    public void RejectsAnswersOutsideTheScaleNamingTheItem(int value)
    {
        var result = Scoring.Score(ShippedPacks.EcrR, ShippedPacks.ByNumber(ShippedPacks.EcrR, (1, 4), (2, value)));
        var error = Assert.IsType<ValueOutOfRange>(Assert.Single(result.Errors));
        Assert.Equal("ecr-r.02", error.ItemId);
        Assert.Contains("ecr-r.02", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Score);
    }

    [Fact]
    public void RejectsAnUnknownItemId()
    {
        var sheet = new AnswerSheet("ecr-r", new Dictionary<string, int> { ["ecr-r.37"] = 4 });
        Assert.Equal("ecr-r.37", Assert.IsType<UnknownItem>(Assert.Single(Scoring.Score(ShippedPacks.EcrR, sheet).Errors)).ItemId);
    }

    [Fact]
    public void RejectsAnswersForAnotherInstrument()
    {
        var result = Scoring.Score(ShippedPacks.EcrR, ShippedPacks.All(ShippedPacks.EcrRs, 4));
        Assert.IsType<WrongInstrument>(Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData(2.0, 2.0, Quadrant.Secure)]
    [InlineData(5.5, 2.0, Quadrant.AnxiousPreoccupied)]
    [InlineData(2.0, 5.5, Quadrant.DismissingAvoidant)]
    [InlineData(5.5, 5.5, Quadrant.FearfulAvoidant)]
    public void PlacesThePointInTheNearestQuadrant(double anxiety, double avoidance, Quadrant expected)
    {
        var point = Plane.Place(anxiety, avoidance, midpoint: 4, boundaryMargin: 0.5);
        Assert.Equal(expected, point.NearestQuadrant);
        Assert.False(point.NearBoundary);
        Assert.Contains("approximate", point.Descriptor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4.3, 2.0, 0.5, true)]
    [InlineData(4.0, 2.0, 0.0, true)]
    [InlineData(4.6, 2.0, 0.5, false)]
    public void SaysNearTheBoundaryWithinTheMargin(double anxiety, double avoidance, double margin, bool near) =>
        Assert.Equal(near, Plane.Place(anxiety, avoidance, 4, margin).NearBoundary);

    [Fact]
    public void EcrRScoreCarriesItsPlanePoint()
    {
        var score = Scoring.Score(ShippedPacks.EcrR, ShippedPacks.All(ShippedPacks.EcrR, 7)).Score!;
        Assert.Equal(Quadrant.AnxiousPreoccupied, score.Plane!.NearestQuadrant);
        Assert.Equal("1.0.0", score.InstrumentVersion);
    }
}
