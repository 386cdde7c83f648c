namespace SecureBase.Core.Instruments;

// There is deliberately no total score: anxiety and avoidance are separate dimensions.
public sealed record InstrumentScore(
    string InstrumentId,
    string InstrumentVersion,
    IReadOnlyList<SubscaleScore> Subscales,
    IReadOnlyList<CompositeScore> Composites,
    PlanePoint? Plane)
{
    public SubscaleScore? Subscale(string subscaleId) => Subscales.FirstOrDefault(s => s.SubscaleId == subscaleId);

    public CompositeScore? Composite(string compositeId) => Composites.FirstOrDefault(c => c.CompositeId == compositeId);
}

// Value is null when more than 20% of the subscale's items are missing; a score from fewer than all
// items is the mean of those answered (prorated) and is flagged so the UI can say so.
public sealed record SubscaleScore(string SubscaleId, double? Value, int Answered, int ItemCount)
{
    public bool Prorated => Value is not null && Answered < ItemCount;
}

public sealed record CompositeScore(string CompositeId, double? Value);

public sealed record ScoringResult(InstrumentScore? Score, IReadOnlyList<AnswerError> Errors)
{
    public bool IsValid => Score is not null;
}
