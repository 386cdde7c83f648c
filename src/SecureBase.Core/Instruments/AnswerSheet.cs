namespace SecureBase.Core.Instruments;

// Responses keyed by stable item id, never by screen position. A missing key is a missing answer.
public sealed record AnswerSheet(string InstrumentId, IReadOnlyDictionary<string, int> Responses);
