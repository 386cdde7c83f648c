namespace SecureBase.Cli.Batch;

// One output row of `score`, built in a reused buffer and written with one call. Writing the cells through
// Sep's writer cost about 40 ms of scoring 200,000 ECR-R rows (issue 11, ADR 0027); the score cells are digits,
// "17/18" and flag words, which never need quoting, so only the id goes through Quoted. The rows are byte for
// byte what Sep wrote: RFC 4180 quoting where a cell holds the separator, a quote or a line break.
internal sealed class CsvLine
{
    private char[] _buffer = new char[256];
    private int _length;
    private bool _started;   // a cell has been added: the next one is preceded by a comma

    /// <summary>A cell that cannot hold a comma, a quote or a line break (a number, "17/18", a flag word).</summary>
    public void Plain(ReadOnlySpan<char> text)
    {
        Room(text.Length + 1);
        Separate();
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>Any text: in quotes, with each quote doubled, when it holds a comma, a quote or a line break (RFC 4180 §2).</summary>
    public void Quoted(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(",\"\r\n") < 0) { Plain(text); return; }
        Room(2 * text.Length + 3);
        Separate();
        _buffer[_length++] = '"';
        foreach (var c in text)
        {
            if (c == '"') _buffer[_length++] = '"';
            _buffer[_length++] = c;
        }
        _buffer[_length++] = '"';
    }

    /// <summary>Writes the row and its line end, and starts the next row empty.</summary>
    public void WriteTo(TextWriter writer)
    {
        writer.Write(_buffer, 0, _length);
        writer.Write(Environment.NewLine);
        (_length, _started) = (0, false);
    }

    void Separate()
    {
        if (_started) _buffer[_length++] = ',';
        _started = true;
    }

    void Room(int more)
    {
        if (_length + more > _buffer.Length) Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, _length + more));
    }
}
