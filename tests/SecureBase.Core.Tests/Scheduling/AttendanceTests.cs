using NodaTime;
using SecureBase.Core.Scheduling;

namespace SecureBase.Core.Tests.Scheduling;

public class AttendanceTests
{
    static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 12, 0);

    // Outcomes oldest first, one per week, the latest one week before Now.
    static List<PastSession> Weekly(params Outcome[] outcomes) =>
        outcomes.Select((o, i) => new PastSession(Now - Duration.FromDays(7 * (outcomes.Length - i)), o)).ToList();

    [Theory]
    [InlineData(new[] { Outcome.Attended, Outcome.Attended, Outcome.Attended }, 3, 1.0, 3)]
    [InlineData(new[] { Outcome.NoShow, Outcome.Attended, Outcome.Attended }, 2, 2.0 / 3, 3)]
    // The therapist's cancellation neither counts nor breaks the run, and leaves the rate alone.
    [InlineData(new[] { Outcome.Attended, Outcome.CancelledByTherapist, Outcome.Attended }, 2, 1.0, 2)]
    [InlineData(new[] { Outcome.Attended, Outcome.LateCancellation }, 0, 0.5, 2)]
    [InlineData(new[] { Outcome.Attended, Outcome.CancelledByClient, Outcome.Attended }, 1, 2.0 / 3, 3)]
    // The latest sessions not marked yet are passed over (a tester saw this morning's unmarked session
    // turn a long run into 0); an unmarked one further back stops the run; unmarked never enters the rate.
    [InlineData(new[] { Outcome.Attended, Outcome.Unmarked }, 1, 1.0, 1)]
    [InlineData(new[] { Outcome.Attended, Outcome.Attended, Outcome.Unmarked, Outcome.Unmarked }, 2, 1.0, 2)]
    [InlineData(new[] { Outcome.Attended, Outcome.Unmarked, Outcome.Attended }, 1, 1.0, 2)]
    [InlineData(new[] { Outcome.NoShow, Outcome.Unmarked }, 0, 0.0, 1)]
    public void RunAndRate(Outcome[] outcomes, int streak, double rate, int over)
    {
        var summary = AttendanceRule.Summarise(Weekly(outcomes), Now);
        Assert.Equal(streak, summary.ConsecutiveWeeksAttended);
        Assert.Equal(rate, summary.Rate!.Value, 6);
        Assert.Equal(over, summary.RateOver);
    }

    [Fact]
    public void TheRateLooksBackTwelveWeeksAndCountsCancellationsByWho()
    {
        // 14 weeks: two old no-shows fall outside the window; then 12 attended.
        var outcomes = new[] { Outcome.NoShow, Outcome.NoShow }.Concat(Enumerable.Repeat(Outcome.Attended, 12)).ToArray();
        var summary = AttendanceRule.Summarise(Weekly(outcomes), Now);
        Assert.Equal(1.0, summary.Rate);
        Assert.Equal(12, summary.ConsecutiveWeeksAttended);
        Assert.Equal(2, summary.NoShows);

        var cancelled = AttendanceRule.Summarise(Weekly(Outcome.CancelledByClient, Outcome.CancelledByTherapist, Outcome.LateCancellation, Outcome.CancelledByTherapist), Now);
        Assert.Equal((2, 2), (cancelled.CancelledByClient, cancelled.CancelledByTherapist));
        Assert.Null(AttendanceRule.Summarise([], Now).Rate);
        // A session still to come is not counted.
        Assert.Equal(0, AttendanceRule.Summarise([new PastSession(Now + Duration.FromDays(1), Outcome.Attended)], Now).ConsecutiveWeeksAttended);
    }

    [Theory]
    [InlineData(48, 24, true)]
    [InlineData(24, 24, true)]     // exactly the notice: still in time
    [InlineData(23.99, 24, false)]
    [InlineData(2, 0, true)]
    [InlineData(-1, 0, false)]     // it has begun
    public void AClientChangesASessionThemselvesUpToTheNotice(double hoursAhead, int noticeHours, bool allowed) =>
        Assert.Equal(allowed, AttendanceRule.ClientMayChange(Now + Duration.FromHours(hoursAhead), Now, Duration.FromHours(noticeHours)));
}
