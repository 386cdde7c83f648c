namespace SecureBase.Cli.Batch;

// Up to Size rows as AnswerCsv's reading thread leaves them for the caller's thread, in file order (ADR 0027):
// each row's answers, id, line and id hash, or the message it gave instead (a rejection, or a note on a row
// --skip-rows passed over). A few batches go back and forth, so nothing is allocated per row.
internal sealed class RowBatch
{
    public const int Size = 1024;

    public enum Kind : byte { Answers, Rejected, Note }

    private readonly int _items;
    private readonly int[] _answers;
    private char[] _ids = new char[Size * 24];
    private readonly int[] _idEnds = new int[Size];
    private readonly int[] _lines = new int[Size];
    private readonly ulong[] _hashes = new ulong[Size];
    private readonly Kind[] _kinds = new Kind[Size];
    private readonly string?[] _messages = new string?[Size];

    public RowBatch(int items) => (_items, _answers) = (items, new int[Size * items]);

    public int Count { get; private set; }

    public bool Full => Count == Size;

    /// <summary>Set on the last batch when reading stopped: the message (a row too long for the reader) …</summary>
    public string? Stopped { get; set; }

    /// <summary>… or what the reading thread met (a disk error), thrown again on the caller's thread.</summary>
    public Exception? Failure { get; set; }

    public void Clear() => (Count, Stopped, Failure) = (0, null, null);

    /// <summary>Where the next row's answers go (pack item order), before <see cref="AddAnswers"/>.</summary>
    public Span<int> NextAnswers => _answers.AsSpan(Count * _items, _items);

    public void AddAnswers(ReadOnlySpan<char> id, int line, ulong hash)
    {
        var start = Count == 0 ? 0 : _idEnds[Count - 1];
        if (start + id.Length > _ids.Length) Array.Resize(ref _ids, Math.Max(2 * _ids.Length, start + id.Length));
        id.CopyTo(_ids.AsSpan(start));
        (_idEnds[Count], _lines[Count], _hashes[Count], _kinds[Count], _messages[Count]) = (start + id.Length, line, hash, Kind.Answers, null);
        Count++;
    }

    public void AddMessage(Kind kind, string message)
    {
        (_idEnds[Count], _kinds[Count], _messages[Count]) = (Count == 0 ? 0 : _idEnds[Count - 1], kind, message);
        Count++;
    }

    public Kind KindOf(int row) => _kinds[row];

    public string MessageOf(int row) => _messages[row]!;

    public ReadOnlySpan<char> IdOf(int row) => _ids.AsSpan(row == 0 ? 0 : _idEnds[row - 1], _idEnds[row] - (row == 0 ? 0 : _idEnds[row - 1]));

    public int LineOf(int row) => _lines[row];

    public ulong HashOf(int row) => _hashes[row];

    public ReadOnlySpan<int> AnswersOf(int row) => _answers.AsSpan(row * _items, _items);
}
