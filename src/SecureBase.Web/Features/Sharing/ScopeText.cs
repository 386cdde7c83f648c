using SecureBase.Core.Sharing;

namespace SecureBase.Web.Features.Sharing;

// Each consent scope in plain words: what the therapist would see, and what they would not.
public static class ScopeText
{
    // The scopes a client grants as a whole, in the order the page lists them (note text is per entry).
    public static readonly ConsentScope[] Grantable =
        [ConsentScope.Scores, ConsentScope.ItemAnswers, ConsentScope.WeeklyMetrics, ConsentScope.ActivationEntries, ConsentScope.Expectations];

    public static string Title(ConsentScope scope) => scope switch
    {
        ConsentScope.Scores => "Questionnaire scores and what they mean",
        ConsentScope.ItemAnswers => "Your answer to each questionnaire statement",
        ConsentScope.WeeklyMetrics => "Weekly summaries of your log",
        ConsentScope.ActivationEntries => "Each moment you log, without its note",
        ConsentScope.Expectations => "Your expectations and corrective experiences",
        ConsentScope.SharedNote => "Notes you choose to share, one at a time",
        _ => scope.ToString(),
    };

    public static string Explanation(ConsentScope scope) => scope switch
    {
        ConsentScope.Scores => "Your anxiety and avoidance scores for each questionnaire you complete, and whether a change is reliable. Not your individual answers.",
        ConsentScope.ItemAnswers => "The number you chose for every statement of every questionnaire.",
        ConsentScope.WeeklyMetrics => "Per week: how many moments, their typical intensity, how often you noticed in the moment or chose a new response, and minutes to settle. Not the moments themselves.",
        ConsentScope.ActivationEntries => "When each moment happened, with whom (partner, therapist…), which way it pulled you, how strong it was and what you did. Never the note, unless you share that note.",
        ConsentScope.Expectations => "How much care you expected before a vulnerable moment and what happened, and corrective experiences you noted. Not what you wrote in your own words.",
        ConsentScope.SharedNote => "Nothing unless you tick \"Share this note with my therapist\" on an entry.",
        _ => "",
    };

    public static string Brief(ConsentScope scope) => scope switch
    {
        ConsentScope.Scores => "scores",
        ConsentScope.ItemAnswers => "item answers",
        ConsentScope.WeeklyMetrics => "weekly summaries",
        ConsentScope.ActivationEntries => "moments",
        ConsentScope.Expectations => "expectations",
        ConsentScope.SharedNote => "shared notes",
        _ => scope.ToString(),
    };
}
