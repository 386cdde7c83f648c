using SecureBase.Core.Sessions;

namespace SecureBase.Core.Tests.Sessions;

public class SessionRuleTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    // Hours since sign-in, minutes since last seen, kept, staff → alive.
    [Theory]
    [InlineData(1, 10, false, false, true)]
    [InlineData(1, 36, false, false, false)]              // 30 idle minutes (and the 5 minutes LastSeenAt may lag)
    [InlineData(11.9, 1, false, false, true)]
    [InlineData(12.1, 1, false, false, false)]            // 12 hours at most, however busy
    [InlineData(12.1, 1, true, false, true)]              // kept: a client's phone outlives the working day
    [InlineData(24 * 10, 60 * 24 * 29, true, false, true)]
    [InlineData(24 * 40, 60 * 24 * 31, true, false, false)]   // 30 days unused
    [InlineData(24 * 89, 60, true, false, true)]
    [InlineData(24 * 91, 60, true, false, false)]         // 90 days at most: then the password again
    [InlineData(12.1, 1, true, true, false)]              // staff are never kept signed in
    [InlineData(2, 40, true, true, false)]
    [InlineData(2, 10, true, true, true)]
    public void ASessionLivesAsLongAsItsKindAllows(double hoursSinceSignIn, double minutesSinceSeen, bool kept, bool staff, bool alive)
    {
        var session = new SessionFacts(Now.AddHours(-hoursSinceSignIn), Now.AddMinutes(-minutesSinceSeen), kept);
        Assert.Equal(alive, SessionRule.IsAlive(session, staff, Now));
    }

    [Theory]
    [InlineData(1, 10, true, false)]     // alive either way: no need to ask
    [InlineData(13, 10, true, true)]     // alive only if not staff
    [InlineData(13, 10, false, false)]
    [InlineData(24 * 91, 10, true, false)]   // dead either way
    public void WhoSomeoneIsMattersOnlyWhenKeepingDecides(double hoursSinceSignIn, double minutesSinceSeen, bool kept, bool depends) =>
        Assert.Equal(depends, SessionRule.DependsOnStaff(new SessionFacts(Now.AddHours(-hoursSinceSignIn), Now.AddMinutes(-minutesSinceSeen), kept), Now));

    // Hours since sign-in, minutes since last seen, kept, staff → hours from now until it ends if unused.
    [Theory]
    [InlineData(1, 10, false, false, 20.0 / 60)]          // 30 idle minutes from its last use
    [InlineData(11.9, 10, false, false, 0.1)]             // the 12 hours come first
    [InlineData(24, 60, true, false, 30 * 24 - 1)]        // kept: 30 days from its last use
    [InlineData(24 * 80, 60, true, false, 24 * 10)]       // the 90 days come first
    [InlineData(2, 10, true, true, 20.0 / 60)]            // staff: as an ordinary session
    public void ASessionEndsByTheFirstOfItsLimits(double hoursSinceSignIn, double minutesSinceSeen, bool kept, bool staff, double hoursLeft)
    {
        var session = new SessionFacts(Now.AddHours(-hoursSinceSignIn), Now.AddMinutes(-minutesSinceSeen), kept);
        Assert.Equal(Now.AddHours(hoursLeft), SessionRule.EndsBy(session, staff), TimeSpan.FromSeconds(1));
    }
}
