using SecureBase.Core.ActivationLog;

namespace SecureBase.Core.WorkingModel;

public enum Outcome
{
    Care,
    Mixed,
    NotCare,
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
