using System.Globalization;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Progress;
using SecureBase.Core.Statistics;
using SecureBase.Core.WorkingModel;

namespace SecureBase.Core.Tests.Progress;

public class ChangeSummaryTests
{
    static readonly DateOnly Monday = new(2026, 1, 5);
    static readonly NormSet Usable = new("published-test", "A test set", "ecr-r", NormOrigin.Published, "Test source",
        [new NormEntry("anxiety", 3.5, 1.0, 0.9, ReliabilityKind.TestRetest, 100), new NormEntry("avoidance", 3.0, 1.0, 0.9, ReliabilityKind.TestRetest, 100)]);

    static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    // Twelve weeks, one metric following `value(week index)`, the others empty.
    static List<WeekMetrics> Weeks(Func<int, int> count, Func<int, double?>? intensity = null, Func<int, double?>? noticed = null) =>
        Enumerable.Range(0, 12).Select(i => new WeekMetrics(Monday.AddDays(7 * i), count(i), intensity?.Invoke(i), noticed?.Invoke(i), null, null, noticed is null ? 0 : count(i))).ToList();

    static MarkerChange Find(IReadOnlyList<MarkerChange> all, Marker marker) => all.Single(m => m.Marker == marker);

    [Fact]
    public void WithNoDataEveryMarkerIsStillThereAndSaysNotEnoughData()
    {
        var summary = ChangeSummary.Of([], [], [], null, null);
        Assert.Equal(Enum.GetValues<Marker>(), summary.Select(m => m.Marker));
        Assert.All(summary, m => Assert.Equal(ChangeKind.NotEnoughData, m.Kind));
    }

    // count per week, intensity per week → the kinds of the two markers. A rising intensity is shown, not hidden.
    [Theory]
    [InlineData("falling", "flat", ChangeKind.TowardTheGoal, ChangeKind.NoClearChange)]
    [InlineData("rising", "rising", ChangeKind.AwayFromTheGoal, ChangeKind.AwayFromTheGoal)]
    [InlineData("flat", "falling", ChangeKind.NoClearChange, ChangeKind.TowardTheGoal)]
    public void WeeklyMarkersAreJudgedAgainstTheDirectionTheWorkAimsFor(string counts, string intensities, ChangeKind momentsKind, ChangeKind intensityKind)
    {
        Func<int, int> count = counts switch { "falling" => i => 14 - i, "rising" => i => 2 + i, _ => i => 5 };
        Func<int, double?> intensity = intensities switch { "falling" => i => 9 - 0.5 * i, "rising" => i => 2 + 0.5 * i, _ => i => 5 };
        var summary = ChangeSummary.Of(Weeks(count, intensity), [], [], null, null);
        Assert.Equal(momentsKind, Find(summary, Marker.MomentsPerWeek).Kind);
        Assert.Equal(intensityKind, Find(summary, Marker.Intensity).Kind);
        Assert.Equal(12, Find(summary, Marker.MomentsPerWeek).Points);
    }

    [Fact]
    public void AShareThatRisesIsTowardTheGoalAndFiveWeeksAreNotEnough()
    {
        var rising = ChangeSummary.Of(Weeks(_ => 4, noticed: i => i / 12.0), [], [], null, null);
        var noticed = Find(rising, Marker.NoticedInTheMoment);
        Assert.Equal(ChangeKind.TowardTheGoal, noticed.Kind);
        Assert.True(noticed.Slope > 0);   // in percentage points a week

        var short_ = ChangeSummary.Of(Weeks(_ => 4, noticed: i => i / 12.0).Take(5).ToList(), [], [], null, null);
        Assert.Equal(ChangeKind.NotEnoughData, Find(short_, Marker.NoticedInTheMoment).Kind);
        Assert.Equal(5, Find(short_, Marker.NoticedInTheMoment).Points);
    }

    [Theory]
    [InlineData(new[] { 40.0, 35, 30, 25, 20, 15 }, ChangeKind.TowardTheGoal)]
    [InlineData(new[] { 5.0, 10, 15, 20, 25, 30 }, ChangeKind.AwayFromTheGoal)]
    [InlineData(new[] { 40.0, 30, 20 }, ChangeKind.NotEnoughData)]
    public void TheGapBetweenExpectedAndActualCareIsAMonthlyTrend(double[] gaps, ChangeKind kind)
    {
        var months = gaps.Select((g, i) => new MonthGap(new DateOnly(2026, 1 + i, 1), 3, g)).ToList();
        Assert.Equal(kind, Find(ChangeSummary.Of([], months, [], null, null), Marker.ExpectedVersusActualCare).Kind);
    }

    // Sittings (anxiety scores at dates), the period's start, norms → the anxiety marker's kind, from and to.
    public static TheoryData<string, string?, bool, ChangeKind, double?, double?> Sittings => new()
    {
        { "", null, true, ChangeKind.NotEnoughData, null, null },                                                   // none yet
        { "2026-01-10:5.0", null, true, ChangeKind.NotEnoughData, 5.0, null },                                      // a baseline alone
        { "2026-01-10:5.0 2026-04-10:3.0", null, false, ChangeKind.CannotJudgeYet, 5.0, 3.0 },                       // no norm set: numbers, no verdict
        { "2026-01-10:5.0 2026-04-10:3.0", null, true, ChangeKind.TowardTheGoal, 5.0, 3.0 },                         // 2 points down: reliable
        { "2026-01-10:3.0 2026-04-10:5.0", null, true, ChangeKind.AwayFromTheGoal, 3.0, 5.0 },                       // a worsening is shown
        { "2026-01-10:4.0 2026-04-10:4.2", null, true, ChangeKind.NoClearChange, 4.0, 4.2 },                         // within the wobble
        { "2025-01-10:6.0 2026-01-10:5.0 2026-04-10:4.9", "2026-03-01", true, ChangeKind.NoClearChange, 5.0, 4.9 },  // baseline: the last before the period
        { "2025-01-10:6.0 2026-03-10:5.0 2026-04-10:4.9", "2026-03-01", true, ChangeKind.TowardTheGoal, 6.0, 4.9 },  // even a year before
        { "2026-03-10:5.0 2026-04-10:4.9", "2026-03-01", true, ChangeKind.NoClearChange, 5.0, 4.9 },                 // none before: the period's first
        { "2026-01-10:5.0", "2026-03-01", true, ChangeKind.NotEnoughData, 5.0, null },                               // nothing since the period began
    };

    [Theory]
    [MemberData(nameof(Sittings))]
    public void EcrMarkersCompareTheLatestSittingWithThePeriodsBaseline(string sittings, string? periodStart, bool norms, ChangeKind kind, double? from, double? to)
    {
        var ecr = sittings.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':')).Select(p => new EcrSitting(At(p[0] + "T12:00Z"), double.Parse(p[1], CultureInfo.InvariantCulture), 2.0)).ToList();
        var start = periodStart is null ? (DateTimeOffset?)null : At(periodStart + "T00:00Z");
        var anxiety = Find(ChangeSummary.Of([], [], ecr, norms ? Usable : null, start), Marker.EcrAnxiety);
        Assert.Equal((kind, from, to), (anxiety.Kind, anxiety.From, anxiety.To));
    }

    [Fact]
    public void ASittingWithoutAnAnxietyScoreIsNotAnAnxietyBaseline()
    {
        var ecr = new List<EcrSitting> { new(At("2026-01-10T12:00Z"), null, 3.0), new(At("2026-02-10T12:00Z"), 5.0, 3.0), new(At("2026-04-10T12:00Z"), 3.0, 3.0) };
        var summary = ChangeSummary.Of([], [], ecr, Usable, null);
        Assert.Equal((5.0, 3.0), (Find(summary, Marker.EcrAnxiety).From, Find(summary, Marker.EcrAnxiety).To));
        Assert.Equal(ChangeKind.NoClearChange, Find(summary, Marker.EcrAvoidance).Kind);
    }
}
