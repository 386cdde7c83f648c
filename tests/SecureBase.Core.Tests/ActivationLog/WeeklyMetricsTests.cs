using SecureBase.Core.ActivationLog;

namespace SecureBase.Core.Tests.ActivationLog;

public class WeeklyMetricsTests
{
    static readonly NodaTime.DateTimeZone Auckland = SecureBase.Core.Time.Zones.Find("Pacific/Auckland");

    static Activation At(string utc, int intensity, Noticed? noticed = null, ResponseChoice response = ResponseChoice.RanOldPattern, int? settled = null) =>
        new(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), intensity, noticed, response, settled);

    [Fact]
    public void WeeksStartOnMondayInThePersonsZone()
    {
        // Sunday 22:00 UTC is already Monday 11:00 in Auckland (NZDT, +13).
        Assert.Equal(new DateOnly(2026, 1, 5), WeeklyMetrics.WeekStartOf(DateTimeOffset.Parse("2026-01-04T22:00Z", System.Globalization.CultureInfo.InvariantCulture), Auckland));
    }

    [Fact]
    public void MeasuresEachWeekAndKeepsQuietWeeks()
    {
        var weeks = WeeklyMetrics.Compute(
        [
            At("2026-01-06T01:00Z", 8, Noticed.InTheMoment, ResponseChoice.PausedAndChoseNew, 30),
            At("2026-01-07T01:00Z", 4, Noticed.OnlyLater, ResponseChoice.RanOldPattern, 90),
            At("2026-01-08T01:00Z", 5),
            At("2026-01-21T01:00Z", 2, Noticed.InTheMoment),
        ], Auckland, DateTimeOffset.Parse("2026-01-28T00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 19), new DateOnly(2026, 1, 26)], weeks.Select(w => w.WeekStart));
        Assert.Equal(new WeekMetrics(new DateOnly(2026, 1, 5), 3, 5, 0.5, 1.0 / 3, 60, 2), weeks[0]);
        Assert.Equal(new WeekMetrics(new DateOnly(2026, 1, 12), 0, null, null, null, null, 0), weeks[1]);
        Assert.Equal(1.0, weeks[2].ShareNoticedInTheMoment);
        Assert.Equal(0, weeks[3].Count);
    }

    [Fact]
    public void NoEntriesMeansNoWeeksAndNotEnoughDataForATrend()
    {
        var weeks = WeeklyMetrics.Compute([], Auckland, DateTimeOffset.UnixEpoch);
        Assert.Empty(weeks);
        Assert.False(WeeklyMetrics.TrendOf(weeks, w => w.Count).HasEnoughData);
    }

    [Fact]
    public void TheTrendOfASteadilyFallingCountIsFalling()
    {
        var start = DateTimeOffset.Parse("2026-01-05T12:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var entries = Enumerable.Range(0, 8).SelectMany(week => Enumerable.Range(0, 8 - week).Select(_ => new Activation(start.AddDays(7 * week), 5, null, ResponseChoice.RanOldPattern, null)));
        var weeks = WeeklyMetrics.Compute(entries, NodaTime.DateTimeZone.Utc, start.AddDays(7 * 7));
        var trend = WeeklyMetrics.TrendOf(weeks, w => w.Count);
        Assert.Equal(-1, trend.Slope);
        Assert.Equal(SecureBase.Core.Statistics.TrendDirection.Falling, trend.Direction);
    }
}
