using SecureBase.Core.ActivationLog;

namespace SecureBase.Core.WorkingModel;

/// <summary>What happened after an expectation: the response, or that the moment never came.</summary>
public enum Outcome
{
    Care,
    Mixed,
    NotCare,

    /// <summary>The vulnerable moment did not happen: no response to compare, so it counts in no calibration.</summary>
    DidNotHappen,
}

public enum CorrectiveKind
{
    RepairAfterConflict,
    ShowedUpConsistently,
    VulnerabilityMetWithCare,
    Other,
}

// A vulnerable moment with the expectation recorded beforehand (PRODUCT.md §4): how likely the person
// thought a caring response was, and, once it happened, what the response was.
public sealed record Expectation(Relationship Relationship, DateTimeOffset RecordedAt, int ExpectedCarePercent, Outcome? Outcome)
{
    public const int MinPercent = 0;
    public const int MaxPercent = 100;
}
