using NodaTime;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Caseload;

namespace SecureBase.Core.Tests.Caseload;

public class DigestTests
{
    static readonly Instant From = Instant.FromUtc(2026, 6, 1, 9, 0);
    static readonly Instant To = From + Duration.FromDays(7);

    static DigestMoment M(double daysFromStart, int intensity, Pull pull = Pull.Toward, Noticed? noticed = Noticed.InTheMoment, ResponseChoice response = ResponseChoice.RanOldPattern) =>
        new(From + Duration.FromHours(daysFromStart * 24), intensity, pull, noticed, response);

    [Fact]
    public void CountsThePeriodAndTheFourWeeksBeforeSeparately()
    {
        var moments = new[]
        {
            M(0, 4), M(3, 8, Pull.Away, Noticed.OnlyLater, ResponseChoice.PausedAndChoseNew), M(6.99, 6, Pull.Away, null),
            M(7, 9),                                    // at the end instant: outside (half-open)
            M(-0.01, 2), M(-27.9, 2), M(-28, 3),        // the four weeks before, both ends inside
            M(-28.01, 10),                              // older: in neither
        };
        var c = MomentDigest.Compare(moments, From, To);
        Assert.Equal(3, c.Period.Count);
        Assert.Equal(3.0, c.Period.PerWeek, 9);
        Assert.Equal(6.0, c.Period.MedianIntensity);
        Assert.Equal(1, c.Period.Pulls[Pull.Toward]);
        Assert.Equal(2, c.Period.Pulls[Pull.Away]);
        Assert.Equal(0, c.Period.Pulls[Pull.BothOrFrozen]);
        Assert.Equal(0.5, c.Period.ShareNoticedInTheMoment);     // of the two with "noticed" answered
        Assert.Equal(1 / 3.0, c.Period.ShareWithNewResponse!.Value, 9);
        Assert.Equal(3, c.Before.Count);
        Assert.Equal(0.75, c.Before.PerWeek, 9);
        Assert.Equal(2.0, c.Before.MedianIntensity);
    }

    [Fact]
    public void NoMomentsGiveNoSharesRatherThanZero()
    {
        var c = MomentDigest.Compare([], From, To);
        Assert.Equal(0, c.Period.Count);
        Assert.Null(c.Period.MedianIntensity);
        Assert.Null(c.Period.ShareNoticedInTheMoment);
        Assert.Null(c.Period.ShareWithNewResponse);
        Assert.Equal(0, c.Before.PerWeek);
    }

    [Fact]
    public void ARateIsPerWeekWhateverThePeriodsLength()
    {
        var threeDays = MomentDigest.Compare([M(0, 5), M(1, 5), M(2, 5)], From, From + Duration.FromDays(3));
        Assert.Equal(7.0, threeDays.Period.PerWeek, 9);
    }

    [Fact]
    public void AnEmptyOrBackwardPeriodIsRefused() =>
        Assert.Throws<ArgumentException>(() => MomentDigest.Compare([], From, From));
}
