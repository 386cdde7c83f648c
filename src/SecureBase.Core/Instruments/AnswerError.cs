namespace SecureBase.Core.Instruments;

public abstract record AnswerError(string Message);

public sealed record ValueOutOfRange(string ItemId, int Value, int Min, int Max)
    : AnswerError($"Item {ItemId}: {Value} is outside the response scale {Min}–{Max}.");

public sealed record UnknownItem(string ItemId)
    : AnswerError($"Item {ItemId} is not an item of this instrument.");

public sealed record WrongInstrument(string Expected, string Actual)
    : AnswerError($"These answers are for {Actual}, not {Expected}.");
