using SecureBase.Core.Sharing;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Sharing;

namespace SecureBase.Web.Features.Practice;

// The practice's audit page in words, not the stored names: "read logged moments (moments)", "change event
// note (the therapist's own records)". The stored values stay as they are: they are hashed into the chain.
public static class AuditWords
{
    public static string Kind(string kind) => kind switch
    {
        "Caseload summary" => "caseload summary",
        "Digest" => "session-prep digest",
        "EventNote" => "event note",
        "FlagAcknowledgement" => "flag acknowledgement",
        "Administration" => "one questionnaire result",
        "Scores" => "questionnaire scores",
        "WeeklyMetrics" => "weekly summaries",
        "ActivationEntries" => "logged moments",
        "ActivationEntry" => "one logged moment",
        "Expectations" => "expectations",
        "ExpectationEntry" => "one expectation",
        "Measures" => "measure schedule",
        _ => kind,
    };

    public static string Scopes(string scope) => scope switch
    {
        "NoneShared" => "nothing shared",
        TherapistRecordsScope.Name => "the therapist's own records",
        _ => string.Join(", ", scope.Split('+').Select(s => Enum.TryParse<ConsentScope>(s, out var parsed) ? ScopeText.Brief(parsed) : s)),
    };

    public static string Action(string action) => action switch
    {
        "write" => "change",
        _ => action,
    };
}
