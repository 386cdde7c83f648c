using SecureBase.Core.ActivationLog;
using SecureBase.Core.WorkingModel;

namespace SecureBase.Data.Model;

// Either an expectation before a vulnerable moment (ExpectedCarePercent set, Outcome filled in later)
// or a corrective experience logged on its own (CorrectiveKind set, no expectation). Free text
// (who, what I will do, how it felt) is stored only encrypted with the owner's key.
public sealed class ExpectationEntry
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Relationship Relationship { get; set; }
    public byte[]? EncryptedRelationshipLabel { get; set; }
    public byte[]? EncryptedPlan { get; set; }
    public int? ExpectedCarePercent { get; set; }
    public CorrectiveKind? CorrectiveKind { get; set; }
    public Outcome? Outcome { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }
    public byte[]? EncryptedFeeling { get; set; }

    public Expectation? ToExpectation() =>
        ExpectedCarePercent is { } expected ? new Expectation(Relationship, RecordedAt, expected, Outcome) : null;
}
