using SecureBase.Core.Instruments;

namespace SecureBase.Data.Model;

// One sitting of one questionnaire by one person. Persistence classes live here, not in Core: Core
// returns immutable values, and these rows record them (ADR 0005).
public sealed class Administration
{
    public Guid Id { get; set; }
    public required string SubjectId { get; set; }
    public required string InstrumentId { get; set; }
    public required string InstrumentVersion { get; set; }
    public string? TargetId { get; set; }

    // The name of "another person" for the ECR-RS: personal, so stored only encrypted with the owner's key.
    public byte[]? EncryptedTargetLabel { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<ItemResponse> Responses { get; set; } = [];
    public List<ScoreValue> Scores { get; set; } = [];

    public double? ScoreOf(string scaleId) => Scores.FirstOrDefault(s => s.ScaleId == scaleId)?.Value;

    public AnswerSheet ToAnswerSheet() => new(InstrumentId, Responses.ToDictionary(r => r.ItemId, r => r.Value));

    // Records what Core computed when the sitting was completed.
    public void Complete(InstrumentScore score, DateTimeOffset completedAt)
    {
        Scores =
        [
            .. score.Subscales.Select(s => new ScoreValue { AdministrationId = Id, ScaleId = s.SubscaleId, Value = s.Value, Answered = s.Answered, ItemCount = s.ItemCount }),
            .. score.Composites.Select(c => new ScoreValue { AdministrationId = Id, ScaleId = c.CompositeId, IsComposite = true, Value = c.Value }),
        ];
        CompletedAt = completedAt;
    }
}

public sealed class ItemResponse
{
    public Guid AdministrationId { get; set; }
    public required string ItemId { get; set; }
    public int Value { get; set; }
}

// A subscale or composite score as computed when the administration was completed.
public sealed class ScoreValue
{
    public Guid AdministrationId { get; set; }
    public required string ScaleId { get; set; }
    public bool IsComposite { get; set; }
    public double? Value { get; set; }
    public int Answered { get; set; }
    public int ItemCount { get; set; }
}
