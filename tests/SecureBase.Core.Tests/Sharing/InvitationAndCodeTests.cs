using SecureBase.Core.Sharing;

namespace SecureBase.Core.Tests.Sharing;

public class InvitationRuleTests
{
    static readonly DateTimeOffset Sent = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Expires = Sent + InvitationRule.Lifetime;

    public static TheoryData<int, bool, bool, InvitationState> Cases => new()
    {
        // minutes after sending, accepted?, withdrawn?, state
        { 0, false, false, InvitationState.Open },
        { 7 * 24 * 60 - 1, false, false, InvitationState.Open },
        { 7 * 24 * 60, false, false, InvitationState.Expired },
        { 30 * 24 * 60, false, false, InvitationState.Expired },
        { 5, true, false, InvitationState.AlreadyUsed },
        { 30 * 24 * 60, true, false, InvitationState.AlreadyUsed },
        { 5, false, true, InvitationState.Withdrawn },
        { 30 * 24 * 60, false, true, InvitationState.Withdrawn },
    };

    [Theory, MemberData(nameof(Cases))]
    public void State(int minutes, bool accepted, bool withdrawn, InvitationState expected)
    {
        var now = Sent.AddMinutes(minutes);
        Assert.Equal(expected, InvitationRule.StateOf(Expires, accepted ? Sent : null, withdrawn ? Sent : null, now));
    }
}

public class OneTimeCodeTests
{
    [Theory]
    [InlineData(null, 0L, CodeVerdict.Wrong)]
    [InlineData(100L, 0L, CodeVerdict.Accepted)]
    [InlineData(100L, 99L, CodeVerdict.Accepted)]
    [InlineData(100L, 100L, CodeVerdict.Replayed)]   // the same code again
    [InlineData(99L, 100L, CodeVerdict.Replayed)]    // an older code after a newer one
    public void Judge(long? matched, long last, CodeVerdict expected) => Assert.Equal(expected, OneTimeCodes.Judge(matched, last));

    [Fact]
    public void CandidatesAreOneStepEitherWayAndNeverTwoBack()
    {
        Assert.Equal([500L, 499L, 501L], OneTimeCodes.CandidateSteps(500));
        Assert.DoesNotContain(498L, OneTimeCodes.CandidateSteps(500));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(29L, 0L)]
    [InlineData(30L, 1L)]
    [InlineData(59L, 1L)]
    [InlineData(1_234_567_890L, 41_152_263L)]   // RFC 6238 appendix B test time
    public void StepsAreThirtySecondsSinceTheEpoch(long unixSeconds, long step) =>
        Assert.Equal(step, OneTimeCodes.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
}
