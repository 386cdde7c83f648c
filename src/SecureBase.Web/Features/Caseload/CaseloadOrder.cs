using NodaTime;
using SecureBase.Core.Statistics;

namespace SecureBase.Web.Features.Caseload;

// The caseload's columns, each sortable. Empty values sort last whichever way; ties fall back to the email.
public static class CaseloadOrder
{
    public static readonly IReadOnlyList<(string Key, string Name)> Columns =
    [
        ("name", "Client"), ("flags", "Needs attention"), ("weeks", "Weeks since first session"), ("attendance", "Attendance"),
        ("anxiety", "ECR-R anxiety"), ("avoidance", "ECR-R avoidance"), ("therapist", "ECR-RS about you"),
        ("activity", "Last activity"), ("next", "Next session"),
    ];

    public static bool IsKnown(string? key) => key is not null && Columns.Any(c => c.Key == key);

    public static IReadOnlyList<CaseloadEntry> Sort(IEnumerable<CaseloadEntry> rows, string key, bool descending, Instant now)
    {
        var list = rows.ToList();
        var keyed = list.Select(r => (Row: r, Value: ValueOf(r, key, now))).ToList();
        var present = keyed.Where(k => k.Value is not null);
        var ordered = descending ? present.OrderByDescending(k => k.Value) : present.OrderBy(k => k.Value);
        return ordered.ThenBy(k => k.Row.Email, NaturalText.Order).Select(k => k.Row)
            .Concat(keyed.Where(k => k.Value is null).Select(k => k.Row).OrderBy(r => r.Email, NaturalText.Order))
            .ToList();
    }

    static IComparable? ValueOf(CaseloadEntry row, string key, Instant now) => key switch
    {
        "flags" => row.Flags.Count,
        "name" => new NaturalText(row.Email),
        "weeks" => row.FirstSession is { } first ? (now - first).Days / 7 : null,
        "attendance" => row.Attendance is { } a ? a.ConsecutiveWeeksAttended : null,
        "anxiety" => row.Anxiety?.Latest,
        "avoidance" => row.Avoidance?.Latest,
        "therapist" => row.TherapistAnxiety?.Latest,
        "activity" => row.LastActivity,
        "next" => row.NextSession,
        _ => null,
    };

    public static string Describe(ScoreNow? score) => score switch
    {
        null => "",
        { Change: null } => $"{score.Latest:0.00} (baseline)",
        _ => $"{score.Latest:0.00} ({score.Change:+0.00;−0.00;0.00} since baseline)",
    };

    public static string VerdictOf(ScoreNow? score) => score is null ? "" : Questionnaires.VerdictText.Of(score.Verdict);
}

// Names in the order a person reads them, "client-2" before "client-10", whatever the case (.NET's numeric ordering).
sealed record NaturalText(string Text) : IComparable
{
    public static readonly StringComparer Order =
        StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, System.Globalization.CompareOptions.NumericOrdering | System.Globalization.CompareOptions.IgnoreCase);

    public int CompareTo(object? obj) => Order.Compare(Text, (obj as NaturalText)?.Text);
}
