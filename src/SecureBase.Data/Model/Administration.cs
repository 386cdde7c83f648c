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
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<ItemResponse> Responses { get; set; } = [];
    public List<ScoreValue> Scores { get; set; } = [];
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
