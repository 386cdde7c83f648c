using System.Globalization;
using SecureBase.Core.Progress;
using SecureBase.Core.Statistics;

namespace SecureBase.Web.Features.Progress;

/// <summary>A marker's change in plain words: its name, a one-word-or-so headline, and the figures behind it.</summary>
public sealed record ChangeLine(string Name, string Headline, string Detail, ChangeKind Kind);

// Core says what changed in numbers; this says it to the person, marker by marker, without hiding any.
public static class ChangeWords
{
    public static ChangeLine Of(MarkerChange m) => new(NameOf(m.Marker), Headline(m), Detail(m), m.Kind);

    public static string NameOf(Marker marker) => marker switch
    {
        Marker.MomentsPerWeek => "Moments per week",
        Marker.Intensity => "How intense they were",
        Marker.NoticedInTheMoment => "Noticed in the moment",
        Marker.NewResponse => "Chose a new response",
        Marker.MinutesToSettle => "Minutes to settle",
        Marker.ExpectedVersusActualCare => "Gap between expected and actual care",
        Marker.EcrAnxiety => "ECR-R anxiety",
        _ => "ECR-R avoidance",
    };

    static string Headline(MarkerChange m) => m.Kind switch
    {
        ChangeKind.NotEnoughData => "not enough data yet",
        ChangeKind.CannotJudgeYet => "cannot judge yet",
        ChangeKind.NoClearChange => "no clear change",
        _ when m.Verdict is not null => m.Kind == ChangeKind.TowardTheGoal ? "reliably lower" : "reliably higher",
        _ => Direction(m.Marker, rising: m.Slope > 0),
    };

    static string Direction(Marker marker, bool rising) => (marker, rising) switch
    {
        (Marker.MomentsPerWeek, true) => "more",
        (Marker.MomentsPerWeek, false) => "fewer",
        (Marker.Intensity, true) => "higher",
        (Marker.Intensity, false) => "lower",
        (Marker.MinutesToSettle, true) => "longer",
        (Marker.MinutesToSettle, false) => "shorter",
        (Marker.ExpectedVersusActualCare, true) => "further apart",
        (Marker.ExpectedVersusActualCare, false) => "closer together",
        (_, true) => "more often",
        _ => "less often",
    };

    static string Detail(MarkerChange m)
    {
        if (m.Marker is Marker.EcrAnxiety or Marker.EcrAvoidance) return QuestionnaireDetail(m);
        var per = m.Marker == Marker.ExpectedVersusActualCare ? "a month" : "a week";
        var unit = m.Marker switch
        {
            Marker.MomentsPerWeek => "moments a week",
            Marker.Intensity => "points",
            Marker.MinutesToSettle => "minutes",
            _ => "percentage points",
        };
        if (m.Kind == ChangeKind.NotEnoughData) return NotEnough(m);
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"changing by {Slope(m.Slope)} {unit} each {(per == "a week" ? "week" : "month")} (95% interval {Bound(m.Lower)} to {Bound(m.Upper)}), over {m.Points} {(per == "a week" ? "weeks" : "months")}");
        return m.Kind switch
        {
            ChangeKind.NoClearChange => $"{Capital(figures)}: the interval takes in no change at all, so no direction yet.",
            ChangeKind.TowardTheGoal => $"{Capital(figures)}: the direction you are working toward.",
            _ => $"{Capital(figures)}: the harder direction. Worth noticing, and worth talking over if you have someone to talk it over with.",
        };
    }

    static string NotEnough(MarkerChange m) => m.Marker switch
    {
        Marker.ExpectedVersusActualCare =>
            $"A direction needs expectations with their outcome in at least {Trend.MinimumPoints} months of this period; there {Are(m.Points, "month")}.",
        Marker.MomentsPerWeek =>
            $"A direction needs at least {Trend.MinimumPoints} weeks of logging in this period; there {Are(m.Points, "week")}.",
        Marker.NoticedInTheMoment =>
            $"A direction needs at least {Trend.MinimumPoints} weeks with a moment where you noted when you noticed; there {Are(m.Points, "week")}.",
        Marker.MinutesToSettle =>
            $"A direction needs at least {Trend.MinimumPoints} weeks with a moment where you noted the minutes to settle; there {Are(m.Points, "week")}.",
        _ => $"A direction needs at least {Trend.MinimumPoints} weeks with a moment logged; there {Are(m.Points, "week")}.",
    };

    static string QuestionnaireDetail(MarkerChange m)
    {
        string Score(double? v) => v?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";
        if (m.Kind == ChangeKind.NotEnoughData)
            return m.From is null
                ? "Take the ECR-R to set your starting point; taken again later, it shows whether this has changed."
                : $"One sitting to compare from ({Score(m.From)}) and none since; the next time you take the ECR-R shows a change.";
        var fromTo = $"From {Score(m.From)} to {Score(m.To)} (1–7)";
        return m.Kind switch
        {
            ChangeKind.CannotJudgeYet => $"{fromTo}. Whether that is more than the questionnaire's own wobble cannot be judged yet; the questionnaire below says why (a trend across your own sittings, where there is one, is shown there too).",
            ChangeKind.NoClearChange => $"{fromTo}: within the questionnaire's own wobble, so not a reliable change (norm set: {m.Verdict?.NormSetName}).",
            ChangeKind.TowardTheGoal => $"{fromTo}: more than the questionnaire's own wobble, the direction you are working toward (norm set: {m.Verdict?.NormSetName}).",
            _ => $"{fromTo}: more than the questionnaire's own wobble, in the harder direction (norm set: {m.Verdict?.NormSetName}). Worth talking over if you have someone to talk it over with.",
        };
    }

    // Two decimals, and more (up to four) for a figure under 0.1, so it keeps two significant digits: a slope of
    // 0.003 a week is "+0.0030", not "+0.00", which a reader took for "no change at all" beside an interval
    // that says otherwise.
    /// <summary>A slope with its sign, e.g. "+0.25", "−0.0031", "0.00"; "—" for none.</summary>
    public static string Slope(double? value) => Figure(value, signed: true);

    /// <summary>An interval's bound, signed only when negative, e.g. "0.12", "−0.004"; "—" for none.</summary>
    public static string Bound(double? value) => Figure(value, signed: false);

    static string Figure(double? value, bool signed)
    {
        if (value is not { } v) return "—";
        var size = Math.Abs(v);
        var digits = size == 0 || size >= 0.1 ? "0.00" : size >= 0.01 ? "0.000" : "0.0000";
        return v.ToString(signed ? $"+{digits};−{digits};{digits}" : $"{digits};−{digits};{digits}", CultureInfo.InvariantCulture);
    }

    static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    static string Are(int n, string noun) => n == 1 ? $"is 1 {noun}" : $"are {n} {noun}s";
}
