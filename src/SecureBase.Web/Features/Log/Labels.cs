using SecureBase.Core.ActivationLog;

namespace SecureBase.Web.Features.Log;

// The words people see for each choice.
public static class Labels
{
    public static string Of(Pull pull) => pull switch
    {
        Pull.Toward => "Toward: reassurance, checking, protest",
        Pull.Away => "Away: withdraw, shut down, distance",
        _ => "Both, or frozen",
    };

    public static string Brief(Pull pull) => pull switch { Pull.Toward => "Toward", Pull.Away => "Away", _ => "Both / frozen" };

    // The brief label's second line on the log's chips.
    public static string Hint(Pull pull) => pull switch { Pull.Toward => "reassurance, checking", Pull.Away => "withdraw, shut down", _ => "stuck, or torn" };

    public static string Of(ResponseChoice response) => response switch
    {
        ResponseChoice.RanOldPattern => "Ran the old pattern",
        ResponseChoice.PausedThenOldPattern => "Paused, then the old pattern",
        _ => "Paused and chose a new response",
    };

    public static string Of(Noticed noticed) => noticed switch
    {
        Noticed.InTheMoment => "In the moment",
        Noticed.WithinMinutes => "Within minutes",
        Noticed.WithinHours => "Within hours",
        _ => "Only later",
    };

    public static string Of(NewResponseKind kind) => kind switch
    {
        NewResponseKind.CheckedTheEvidence => "Checked the evidence",
        NewResponseKind.Stayed => "Stayed in the conversation",
        NewResponseKind.NamedANeed => "Named a need",
        NewResponseKind.SelfSoothed => "Soothed myself",
        NewResponseKind.AskedForSpaceKindly => "Asked for space kindly",
        NewResponseKind.ReachedOut => "Reached out",
        _ => "Something else",
    };

    public static string Of(Relationship relationship) => relationship switch
    {
        Relationship.Partner => "Partner",
        Relationship.Family => "Family",
        Relationship.Friend => "Friend",
        Relationship.Therapist => "Therapist",
        Relationship.Work => "Work",
        Relationship.NotSaid => "Not said",
        _ => "Someone else",
    };
}
