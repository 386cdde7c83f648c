namespace SecureBase.Core.Sharing;

/// <summary>
/// What a client can share with their therapist, each granted on its own and nothing by default
/// (issue 7, "Consent the client controls"). Note text is never a scope: it is shared per entry.
/// </summary>
public enum ConsentScope
{
    /// <summary>Questionnaire scores and reliable-change verdicts.</summary>
    Scores,

    /// <summary>Item-level questionnaire answers.</summary>
    ItemAnswers,

    /// <summary>Activation-log weekly metrics (counts, medians, shares, trends).</summary>
    WeeklyMetrics,

    /// <summary>Activation entries one by one, without their notes.</summary>
    ActivationEntries,

    /// <summary>Expectations and corrective experiences, without their free text.</summary>
    Expectations,

    /// <summary>The text of one note the client chose to share (resource = that entry).</summary>
    SharedNote,
}

/// <summary>
/// Read a client's data; change it; or open the client's own working pages (their edit forms and
/// result pages), which show everything at once and so are the client's alone, like writing.
/// </summary>
public enum Operation
{
    Read,
    Write,
    OpenOwnPage,
}
