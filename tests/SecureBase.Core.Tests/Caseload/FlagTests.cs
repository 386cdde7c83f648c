using NodaTime;
using SecureBase.Core.Caseload;
using SecureBase.Core.Measures;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Statistics;

namespace SecureBase.Core.Tests.Caseload;

public class FlagTests
{
    static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 12, 0);
    static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    static Instant DaysAgo(double days) => Now - Duration.FromHours(days * 24);

    static ClientSignals Signals(IReadOnlyList<LatestVerdict>? verdicts = null, IReadOnlyList<DueMeasure>? measures = null, IReadOnlyList<Moment>? moments = null, IReadOnlyList<PastSession>? sessions = null) =>
        new(verdicts ?? [], measures ?? [], moments ?? [], sessions ?? []);

    static List<FlagKind> Kinds(ClientSignals signals) => FlagRules.Raise(signals, Now, Berlin).Select(f => f.Kind).ToList();

    [Fact]
    public void NothingSharedRaisesNothing() => Assert.Empty(Kinds(Signals()));

    [Theory]
    [InlineData(Verdict.ReliableDeterioration, true)]
    [InlineData(Verdict.NoReliableChange, false)]
    [InlineData(Verdict.ReliableImprovement, false)]
    [InlineData(Verdict.CannotJudgeYet, false)]   // a client with no usable baseline or norm set: no flag, not a false alarm
    public void OnlyAReliableDeteriorationIsFlagged(Verdict verdict, bool flagged) =>
        Assert.Equal(flagged, Kinds(Signals(verdicts: [new LatestVerdict("ECR-R", "anxiety", verdict, DaysAgo(3))])).Contains(FlagKind.ReliableDeterioration));

    [Fact]
    public void AnOverdueOrMissedMeasureIsFlagged()
    {
        var rule = new MeasureRule("ecr-r", null, true, 12, new LocalDate(2026, 1, 5));
        var overdue = MeasureSchedules.StateOf(rule, [], new LocalDate(2026, 1, 20));
        var missed = MeasureSchedules.StateOf(rule, [], new LocalDate(2026, 3, 31));
        var due = MeasureSchedules.StateOf(rule, [new LocalDate(2026, 1, 5)], new LocalDate(2026, 3, 31));
        Assert.Equal([FlagKind.MeasureOverdue], Kinds(Signals(measures: [overdue])));
        Assert.Equal([FlagKind.MeasureMissed], Kinds(Signals(measures: [missed])));   // intake missed; the 12-week date only just due
        Assert.Empty(Kinds(Signals(measures: [due])));
    }

    [Theory]
    // Logged weekly for two months, then nothing for 15 days: flagged.
    [InlineData(new[] { 15.0, 22, 29, 36, 43 }, true)]
    // Nothing for 13 days: not yet.
    [InlineData(new[] { 13.0, 22, 29, 36, 43 }, false)]
    // Only three moments before the silence: not someone who usually logs.
    [InlineData(new[] { 15.0, 22, 29 }, false)]
    // Logged yesterday.
    [InlineData(new[] { 1.0, 15, 22, 29, 36 }, false)]
    public void SilenceIsFlaggedOnlyForSomeoneWhoUsuallyLogs(double[] daysAgo, bool flagged) =>
        Assert.Equal(flagged, Kinds(Signals(moments: daysAgo.Select(d => new Moment(DaysAgo(d), 5, DaysAgo(d))).ToList())).Contains(FlagKind.StoppedLogging));

    [Theory]
    [InlineData(new[] { 1.0, 3, 6 }, new[] { 8, 9, 10 }, true)]      // three at 8+ within 7 days
    [InlineData(new[] { 1.0, 3, 9 }, new[] { 8, 9, 10 }, false)]     // spread over 8 days
    [InlineData(new[] { 1.0, 3, 6 }, new[] { 8, 7, 10 }, false)]     // one of them below 8
    [InlineData(new[] { 20.0, 22, 24 }, new[] { 9, 9, 9 }, false)]   // a cluster, but a month ago
    public void AClusterOfHighIntensityMomentsIsFlagged(double[] daysAgo, int[] intensities, bool flagged) =>
        Assert.Equal(flagged, Kinds(Signals(moments: daysAgo.Zip(intensities, (d, i) => new Moment(DaysAgo(d), i, DaysAgo(d))).ToList())).Contains(FlagKind.HighIntensityCluster));

    [Theory]
    [InlineData(new[] { Outcome.Attended, Outcome.NoShow, Outcome.NoShow }, true)]
    [InlineData(new[] { Outcome.NoShow, Outcome.LateCancellation }, true)]
    [InlineData(new[] { Outcome.NoShow, Outcome.Attended }, false)]
    // The therapist's cancellation between two no-shows is not the client's: still two in a row.
    [InlineData(new[] { Outcome.NoShow, Outcome.CancelledByTherapist, Outcome.NoShow }, true)]
    // A cancellation with notice is not a missed session.
    [InlineData(new[] { Outcome.NoShow, Outcome.CancelledByClient }, false)]
    [InlineData(new[] { Outcome.NoShow }, false)]
    public void TwoSessionsMissedInARowAreFlagged(Outcome[] oldestFirst, bool flagged)
    {
        var sessions = oldestFirst.Select((o, i) => new PastSession(DaysAgo(7 * (oldestFirst.Length - i)), o)).ToList();
        Assert.Equal(flagged, Kinds(Signals(sessions: sessions)).Contains(FlagKind.SessionsMissedInARow));
    }

    [Fact]
    public void AnAcknowledgedFlagStaysQuietUntilSomethingNewRaisesIt()
    {
        var first = Signals(verdicts: [new LatestVerdict("ECR-R", "anxiety", Verdict.ReliableDeterioration, DaysAgo(10))]);
        var flags = FlagRules.Raise(first, Now, Berlin);
        var acknowledged = flags.ToDictionary(f => f.Key, _ => DaysAgo(5));
        Assert.Empty(FlagRules.Unacknowledged(flags, acknowledged));
        // A newer administration deteriorates again: the flag is back.
        var again = FlagRules.Raise(Signals(verdicts: [new LatestVerdict("ECR-R", "anxiety", Verdict.ReliableDeterioration, DaysAgo(1))]), Now, Berlin);
        Assert.Single(FlagRules.Unacknowledged(again, acknowledged));
        // Acknowledging one flag leaves the others, of other kinds and of the same kind about something else.
        var others = FlagRules.Raise(Signals(
            verdicts: [.. first.Verdicts, new LatestVerdict("ECR-R", "avoidance", Verdict.ReliableDeterioration, DaysAgo(10))],
            sessions: [new PastSession(DaysAgo(14), Outcome.NoShow), new PastSession(DaysAgo(7), Outcome.NoShow)]), Now, Berlin);
        Assert.Equal(["ReliableDeterioration:ECR-R:avoidance", "SessionsMissedInARow"], FlagRules.Unacknowledged(others, acknowledged).Select(f => f.Key));
    }

    [Fact]
    public void AMissedSessionMarkedAfterAnAcknowledgementRaisesTheFlagAgainEvenIfItWasBefore()
    {
        PastSession S(double daysAgo, Outcome outcome, double? markedDaysAgo = null) => new(DaysAgo(daysAgo), outcome, markedDaysAgo is { } m ? DaysAgo(m) : null);
        var missed = FlagRules.Raise(Signals(sessions: [S(21, Outcome.NoShow, 20), S(14, Outcome.NoShow, 13)]), Now, Berlin);
        var acknowledged = missed.ToDictionary(f => f.Key, _ => DaysAgo(5));
        Assert.Empty(FlagRules.Unacknowledged(missed, acknowledged));
        // The session of 7 days ago, before the acknowledgement, marked missed 2 days ago (a tester found this stayed quiet).
        var third = FlagRules.Raise(Signals(sessions: [S(21, Outcome.NoShow, 20), S(14, Outcome.NoShow, 13), S(7, Outcome.NoShow, 2)]), Now, Berlin);
        Assert.Single(FlagRules.Unacknowledged(third, acknowledged));
        // Marked before the acknowledgement: nothing new.
        var known = FlagRules.Raise(Signals(sessions: [S(21, Outcome.NoShow, 20), S(14, Outcome.NoShow, 13), S(7, Outcome.NoShow, 6)]), Now, Berlin);
        Assert.Empty(FlagRules.Unacknowledged(known, acknowledged));
        // When the marking is not known, the session's own start is all there is.
        Assert.Empty(FlagRules.Unacknowledged(FlagRules.Raise(Signals(sessions: [S(14, Outcome.NoShow), S(7, Outcome.NoShow)]), Now, Berlin), acknowledged));
    }

    [Fact]
    public void AnIntenseMomentLoggedAfterAnAcknowledgementRaisesTheClusterAgainEvenIfItHappenedBefore()
    {
        Moment M(double daysAgo, double loggedDaysAgo) => new(DaysAgo(daysAgo), 9, DaysAgo(loggedDaysAgo));
        var cluster = FlagRules.Raise(Signals(moments: [M(3, 3), M(2.5, 2.5), M(2, 2)]), Now, Berlin);
        var acknowledged = cluster.ToDictionary(f => f.Key, _ => DaysAgo(1));
        Assert.Empty(FlagRules.Unacknowledged(cluster, acknowledged));
        // Logged half a day ago, about the night before the acknowledgement (a tester found these stayed hidden).
        var backdated = FlagRules.Raise(Signals(moments: [M(3, 3), M(2.5, 2.5), M(2, 2), M(1.5, 0.5)]), Now, Berlin);
        Assert.Single(FlagRules.Unacknowledged(backdated, acknowledged));
    }
}
