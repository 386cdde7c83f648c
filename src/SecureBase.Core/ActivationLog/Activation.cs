namespace SecureBase.Core.ActivationLog;

// One moment the attachment system fired (PRODUCT.md §3). Only what the weekly metrics need;
// free text never enters Core.
public sealed record Activation(DateTimeOffset OccurredAt, int Intensity, Noticed? Noticed, ResponseChoice Response, int? SettledMinutes)
{
    public const int MinIntensity = 0;
    public const int MaxIntensity = 10;
    public const int MaxSettledMinutes = 7 * 24 * 60;
}

public enum Relationship
{
    Partner,
    Family,
    Friend,
    Therapist,
    Work,
    Other,
    /// <summary>A quick log that named no one and had no earlier entry to go by: stored as such, never guessed.</summary>
    NotSaid,
}

public enum Pull
{
    Toward,
    Away,
    BothOrFrozen,
}

public enum Noticed
{
    InTheMoment,
    WithinMinutes,
    WithinHours,
    OnlyLater,
}

public enum ResponseChoice
{
    RanOldPattern,
    PausedThenOldPattern,
    PausedAndChoseNew,
}

public enum NewResponseKind
{
    CheckedTheEvidence,
    Stayed,
    NamedANeed,
    SelfSoothed,
    AskedForSpaceKindly,
    ReachedOut,
    Other,
}
