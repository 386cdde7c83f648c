using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Progress;

// With six or more sittings of one questionnaire, the person's own trend across them (issue 11): Core's
// Theil–Sen slope with Sen's 95% interval per subscale, in score points a month (30.44 days). It is a
// direction in their own answers, not a reliable-change verdict, and works without any norm set.
public sealed record OwnTrend(string Subscale, Better Better, TrendResult Trend)
{
    const double DaysPerMonth = 365.25 / 12;

    public static IReadOnlyList<OwnTrend> Of(InstrumentPack pack, IReadOnlyList<Administration> history)
    {
        if (history.Count < Core.Statistics.Trend.MinimumPoints) return [];
        var start = history.Min(a => a.CompletedAt!.Value);
        return pack.Subscales.Select(s => new OwnTrend(s.Name, s.Better, Core.Statistics.Trend.Estimate(history
                .Where(a => a.ScoreOf(s.Id) is not null)
                .Select(a => ((a.CompletedAt!.Value - start).TotalDays / DaysPerMonth, a.ScoreOf(s.Id)!.Value)).ToList())))
            .ToList();
    }

    public string Describe()
    {
        if (!Trend.HasEnoughData) return Trend.NotEnoughDataReason!;
        var per = $"{Trend.Slope:+0.00;−0.00;0.00} a month (95% interval {Trend.Lower:0.00;−0.00;0.00} to {Trend.Upper:0.00;−0.00;0.00})";
        return Trend.Direction switch
        {
            TrendDirection.NoClearTrend => $"no clear trend: {per}",
            TrendDirection.Falling => $"falling{(Better == Better.Lower ? ", the direction of change" : "")}: {per}",
            _ => $"rising{(Better == Better.Higher ? ", the direction of change" : "")}: {per}",
        };
    }
}
