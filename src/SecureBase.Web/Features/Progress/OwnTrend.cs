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

    // Sittings minutes or days apart made slopes of thousands of points a month on a 1–7 scale (a
    // tester's six ECR-RS in a row): a monthly trend needs the sittings spread over three months.
    public const int MinimumSpanDays = 90;

    public static IReadOnlyList<OwnTrend> Of(InstrumentPack pack, IReadOnlyList<Administration> history)
    {
        if (history.Count < Core.Statistics.Trend.MinimumPoints) return [];
        var start = history.Min(a => a.CompletedAt!.Value);
        var span = (history.Max(a => a.CompletedAt!.Value) - start).TotalDays;
        if (span < MinimumSpanDays)
            return pack.Subscales.Select(s => new OwnTrend(s.Name, s.Better, new TrendResult(history.Count, null, null, null, null, null, null, null,
                $"not enough time yet: these sittings span {Math.Floor(span):0} days, and a trend needs them spread over at least three months"))).ToList();
        return pack.Subscales.Select(s => new OwnTrend(s.Name, s.Better, Core.Statistics.Trend.Estimate(history
                .Where(a => a.ScoreOf(s.Id) is not null)
                .Select(a => ((a.CompletedAt!.Value - start).TotalDays / DaysPerMonth, a.ScoreOf(s.Id)!.Value)).ToList())))
            .ToList();
    }

    public string Describe() => WeeklyView.Describe(Trend, Better, "a month");
}
