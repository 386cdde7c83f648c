using System.Collections.Concurrent;
using System.Globalization;
using nietras.SeparatedValues;
using SecureBase.Core.Instruments;
using static SecureBase.Cli.Batch.CsvCells;

namespace SecureBase.Cli.Batch;

internal sealed record AnswerRow(string Id, int LineNumber, AnswerSheet Sheet);

/// <summary>One good row: its id (valid only during the call), its line, its answers by item position.</summary>
internal delegate void AnswersHandler(ReadOnlySpan<char> id, int line, ReadOnlySpan<int> answers);

// Reads answer CSVs exported from survey tools (see CsvLayout). Quoted fields, a BOM, CRLF, a trailing
// blank line and the delimiter (comma or semicolon, read from the header) are the CSV library's job
// (Sep); checking each value against the instrument is ours. A bad row is rejected with its line
// number and reason; the other rows go on.
internal sealed class AnswerCsv : IDisposable
{
    private readonly InstrumentPack _pack;
    private readonly SepReader _reader;
    private readonly CsvLayout _layout;
    private readonly int _idColumn;
    // Each item's column, its place in the pack and its column's name, as plain arrays, and the scale as numbers:
    // the per-cell loop reads nothing else (7 million cells in 200,000 ECR-R rows).
    private readonly int[] _itemColumns, _itemPositions;
    private readonly string[] _itemNames;
    private readonly int _scaleMin, _scaleMax;
    private readonly SeenIds _seen;
    // Where a quoted id and a quoted answer are unescaped (CsvCells.Unquoted): the id is kept while the answers are read.
    private char[] _idText = new char[64], _cellText = new char[64], _keyText = new char[64];

    private readonly int _columns;
    private readonly string _path;   // for a message
    private readonly System.Buffers.SearchValues<char> _blank;   // what a row with nothing in it holds

    private AnswerCsv(InstrumentPack pack, SepReader reader, CsvLayout layout, int idColumn, (int Column, int Position, string Name)[] items, string path)
    {
        _path = path;
        _blank = System.Buffers.SearchValues.Create([reader.Spec.Sep.Separator, ' ', '\t', '\r', '\n']);
        var fileLength = new FileInfo(path).Length;
        // Rows in the file, roughly: its length over the header's (an answer row is about as long).
        _seen = new SeenIds(fileLength / Math.Max(1, reader.Current.Span.Length + 1));
        (_pack, _reader, _layout, _idColumn, _columns) = (pack, reader, layout, idColumn, reader.Current.ColCount);
        (_itemColumns, _itemPositions, _itemNames) = ([.. items.Select(i => i.Column)], [.. items.Select(i => i.Position)], [.. items.Select(i => i.Name)]);
        (_scaleMin, _scaleMax) = (pack.Scale.Min, pack.Scale.Max);
    }

    public int Rejected { get; private set; }

    public void Dispose()
    {
        _reader.Dispose();
        _seen.Dispose();
    }

    // The shared start of the batch commands: options, then the instrument, the layout, the input file.
    // Null (after saying why on stderr) when any of them is wrong.
    public static (Options Options, InstrumentPack Pack, AnswerCsv Csv)? OpenFromArguments(
        CliSettings settings, IReadOnlyList<string> args, IReadOnlySet<string> allowed, TextWriter stderr)
    {
        if (Options.Parse(args, allowed, stderr) is not { } options) return null;
        if (options.Require("instrument", stderr) is not { } instrumentId || options.Require("input", stderr) is not { } input) return null;
        if (InstrumentLookup.Find(settings, instrumentId, stderr) is not { } pack) return null;
        if (CsvLayout.From(options, stderr) is not { } layout) return null;
        return Open(pack, input, stderr, layout) is { } csv ? (options, pack, csv) : null;
    }

    public static AnswerCsv? Open(InstrumentPack pack, string path, TextWriter stderr, CsvLayout? layout = null)
    {
        layout ??= CsvLayout.Default;
        if (path == "-") return Fail(stderr, "--input - (standard input) is not supported: give the CSV file's name.");
        if (Directory.Exists(path)) return Fail(stderr, $"input '{path}' is a folder; give the CSV file.");
        if (!File.Exists(path)) return Fail(stderr, Unreachable(path) ? $"cannot read '{path}': permission denied (a folder on its path, or the file itself)." : $"input file '{path}' does not exist.");
        SepReader reader;
        try
        {
            // The separator is read from the first row: a comma, or the semicolon of European spreadsheets. Spaces
            // around a value ("id, 1, 2") are trimmed here, not by Sep: its trimming looked at every one of
            // 7 million cells (13% of scoring 200,000 ECR-R rows), where only a cell that is not one digit needs it.
            // The header is read as a row, not by Sep: Sep refuses a name given twice or left empty, where a survey
            // export may have both among the columns that are ignored. Quotes are taken off by us too (Unquoted).
            reader = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(stderr, $"cannot read '{path}': {e.Message}");
        }
        catch (NotSupportedException)
        {
            return Fail(stderr, $"{path}, line 1: {TooLong}");   // Sep reads the first row to find the separator
        }
        List<string> names;
        try
        {
            var scratch = Array.Empty<char>();
            names = [];
            if (reader.MoveNext())
                for (var c = 0; c < reader.Current.ColCount; c++) names.Add(Bare(Unquoted(reader.Current[c].Span, ref scratch)).ToString());
        }
        catch (NotSupportedException)
        {
            reader.Dispose();
            return Fail(stderr, $"{path}, line 1: {TooLong}");
        }
        var (idColumn, items, problem) = AnswerColumns.Find(pack, layout, names);
        if (problem is not null)
        {
            reader.Dispose();
            return Fail(stderr, $"{path}, line 1: {problem}");
        }
        return new AnswerCsv(pack, reader, layout, idColumn, items!, path);
    }

    public bool ReadRows(Action<AnswerRow> onRow, TextWriter stderr) => ReadAnswers((id, line, answers) =>
    {
        var responses = new Dictionary<string, int>(answers.Length, StringComparer.Ordinal);
        for (var i = 0; i < answers.Length; i++)
            if (answers[i] != ScoringPlan.Missing) responses[_pack.Items[i].Id] = answers[i];
        onRow(new AnswerRow(id.ToString(), line, new AnswerSheet(_pack.Id, responses)));
    }, stderr);

    /// <summary>
    /// Each good row as its id, line and answers in the pack's item order (ScoringPlan.Missing where empty), in file
    /// order, on the caller's thread; rejections and notes on standard error in their place. The id and answers are
    /// valid only during the call. False (after one line on stderr) when the file could not be read to its end.
    /// </summary>
    /// <remarks>
    /// A second thread reads ahead (ADR 0027): Sep's parsing, each cell's check and the id's hash there; the duplicate
    /// check and whatever <paramref name="onRow"/> does (scoring, writing) here. The two take about the same time.
    /// Nothing is allocated per row.
    /// </remarks>
    public bool ReadAnswers(AnswersHandler onRow, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();
        using var free = new BlockingCollection<RowBatch>();
        using var full = new BlockingCollection<RowBatch>();
        var reading = new Thread(() => ReadAhead(free, full, stop.Token)) { IsBackground = true, Name = "CSV read-ahead" };
        reading.Start();
        _seen.Touch();   // while the first rows are read
        try
        {
            foreach (var batch in full.GetConsumingEnumerable())
            {
                for (var i = 0; i < Math.Min(IdLookahead, batch.Count); i++) Prefetch(batch, i);
                for (var i = 0; i < batch.Count; i++)
                {
                    Prefetch(batch, i + IdLookahead);
                    if (batch.KindOf(i) != RowBatch.Kind.Answers)
                    {
                        if (batch.KindOf(i) == RowBatch.Kind.Rejected) Rejected++;
                        stderr.WriteLine(batch.MessageOf(i));
                        continue;
                    }
                    if (_seen.FirstLineOf(batch.HashOf(i), batch.LineOf(i)) is var first and > 0)
                    {
                        Rejected++;
                        stderr.WriteLine($"line {batch.LineOf(i)}: rejected: the id '{Shorten(batch.IdOf(i))}' is already on line {first}{Compared(batch.IdOf(i))}");
                        continue;
                    }
                    onRow(batch.IdOf(i), batch.LineOf(i), batch.AnswersOf(i));
                }
                if (batch.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                if (batch.Stopped is { } message)
                {
                    stderr.WriteLine(message);
                    return false;
                }
                free.Add(batch);
            }
            return true;
        }
        finally
        {
            stop.Cancel();
            reading.Join();   // before the collections and the reader are disposed
        }
    }

    // Why "a⇥" is "already" there when line 2 holds "a": said only for an id that is not compared as it is written.
    static string Compared(ReadOnlySpan<char> id)
    {
        var scratch = Array.Empty<char>();
        return IdKey(id, ref scratch).Length == id.Length ? "" : " (ids are compared without white space around them or invisible characters in them)";
    }

    // The reading thread: rows into batches, batches to the caller in order. Ends with the last batch, which says
    // why reading stopped early, if it did; or when the caller stops taking batches.
    void ReadAhead(BlockingCollection<RowBatch> free, BlockingCollection<RowBatch> full, CancellationToken stop)
    {
        try
        {
            var made = 0;
            var batch = Next(free, ref made, stop);
            var line = 1;   // the last line read
            try
            {
                foreach (var row in _reader)
                {
                    line = row.LineNumberToExcl - 1;
                    if (batch.Full)
                    {
                        full.Add(batch, stop);
                        batch = Next(free, ref made, stop);
                    }
                    if (Skipped < _layout.SkipRows)
                    {
                        Skipped++;   // question texts, import ids; a row that reads as answers is named, it may be a person
                        if (Problem(row, batch.NextAnswers, remember: false, out _, out _) is null)
                        {
                            SkippedAnswers++;
                            batch.AddMessage(RowBatch.Kind.Note, $"line {row.LineNumberFrom}: skipped (--skip-rows {_layout.SkipRows}), though it reads as answers: if it is a person, lower --skip-rows");
                        }
                        continue;
                    }
                    if (row.Span.IndexOfAnyExcept(_blank) < 0) continue;   // a blank line, or only separators (a spreadsheet's ",,,,")
                    if (Problem(row, batch.NextAnswers, remember: true, out var id, out var hash) is { } reason) batch.AddMessage(RowBatch.Kind.Rejected, Rejection(row, reason));
                    else batch.AddAnswers(id, row.LineNumberFrom, hash);
                }
            }
            catch (NotSupportedException)
            {
                batch.Stopped = $"error: {_path}, line {line + 1}: {TooLong}";   // Sep stops at 16,777,216 characters a row
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                batch.Failure = e;
            }
            full.Add(batch, stop);
        }
        catch (OperationCanceledException)
        {
            // the caller stopped taking batches (it failed, or the file was cut short): nothing more to read
        }
        finally
        {
            full.CompleteAdding();
        }
    }

    // A row's id is looked up among those before it (SeenIds) on the caller's thread, in file order, 8 rows after its
    // slot was asked of memory, when memory has answered (ADR 0027).
    const int IdLookahead = 8;

    void Prefetch(RowBatch batch, int row)
    {
        if (row < batch.Count && batch.KindOf(row) == RowBatch.Kind.Answers) _seen.Prefetch(batch.HashOf(row));
    }

    // At most this many batches go back and forth: enough that neither thread waits for the other while the other works.
    const int Batches = 4;

    // An empty batch: a new one until there are Batches, then one the caller has given back. Made here as reading
    // goes rather than all before the first row: a short file needs one (a batch for ECR-R is 200 KB of fresh memory,
    // touched while the caller's thread waited), and a file of 4,096 rows or more always makes four.
    RowBatch Next(BlockingCollection<RowBatch> free, ref int made, CancellationToken stop)
    {
        if (made < Batches)
        {
            made++;
            return new RowBatch(_pack.Items.Count);
        }
        var batch = free.Take(stop);
        batch.Clear();
        return batch;
    }

    // What a mistyped number is made of ("6,5", "4.5", "-3"): a cell with anything else may be a question's text.
    static readonly System.Buffers.SearchValues<char> NumberLike = System.Buffers.SearchValues.Create("0123456789.,+- ");

    const string NotUtf8 = "the id is not UTF-8 text (the file may be saved as Windows-1252 or Latin-1); save it as \"CSV UTF-8\"";

    /// <summary>Rows passed over by --skip-rows.</summary>
    public int Skipped { get; private set; }

    /// <summary>Of those, rows that read as answers: perhaps people.</summary>
    public int SkippedAnswers { get; private set; }

    /// <summary>Whether some row that may be a person was left out (rejected, or skipped though it reads as answers):
    /// a batch command's exit code is then 1.</summary>
    public bool LeftSomeOut => Rejected > 0 || SkippedAnswers > 0;

    const string TooLong = "a row longer than 16 million characters: a quote (\") that is never closed, or not a CSV file.";

    // Reads the row's id and answers; null when it is good, else why it is rejected. hash: the id's, for the
    // duplicate check, when remember (not for a row --skip-rows passes over).
    string? Problem(SepReader.Row row, Span<int> answers, bool remember, out ReadOnlySpan<char> id, out ulong hash)
    {
        id = default;
        hash = 0;
        if (row.ColCount != _columns) return $"expected {_columns} columns, found {row.ColCount}";
        id = Bare(Unquoted(row[_idColumn].Span, ref _idText));
        if (id.IsEmpty) return "the id is empty";
        // U+FFFD is what the reader puts for bytes that are not UTF-8: José and Josè saved as Windows-1252 would
        // both read "Jos\uFFFD" and be taken for one person.
        if (id.Contains('\uFFFD')) return NotUtf8;
        var key = IdKey(id, ref _keyText);
        if (key.IsEmpty) return "the id is only blank or invisible characters";
        if (remember) hash = SeenIds.Hash(key);
        answers.Fill(ScoringPlan.Missing);
        var (columns, positions) = (_itemColumns, _itemPositions);
        var (zero, range) = ('0' + _scaleMin, (uint)(_scaleMax - _scaleMin));
        for (var i = 0; i < columns.Length; i++)
        {
            var text = row[columns[i]].Span;
            // The common case first, in a loop kept small: one digit on the scale.
            if (text.Length == 1 && (uint)(text[0] - zero) <= range) answers[positions[i]] = text[0] - '0';
            else if (!text.IsEmpty && OtherAnswer(row, i, text, answers) is { } problem) return problem;   // empty: missing
        }
        return null;
    }

    // A cell that is not one digit on the scale: in quotes, with spaces, or a whole number as a spreadsheet may write
    // it ("6.0"), never 4.5. Null when it is an answer (or, with nothing in it, a missing one), else why not.
    string? OtherAnswer(SepReader.Row row, int item, ReadOnlySpan<char> text, Span<int> answers)
    {
        text = Bare(Unquoted(text, ref _cellText)).Trim();
        if (text.IsEmpty) return null;
        if (!WholeNumber(text, out var number))
            return $"item {_itemNames[item]}: '{Shorten(text)}' is not a whole number"
                + (row.LineNumberFrom <= 3 && _layout.SkipRows == 0 && text.ContainsAnyExcept(NumberLike) ? " (a survey export's extra header rows? pass over them with --skip-rows, e.g. 2 for Qualtrics)" : "");
        if (number < _scaleMin || number > _scaleMax)
            return $"item {_itemNames[item]}: {Shorten(text)} is outside the scale {_scaleMin}–{_scaleMax}";
        answers[_itemPositions[item]] = (int)number;
        return null;
    }

    // A row of more than one line holds a line break in quotes; when it also has the wrong number of columns, a
    // quote was most likely left open and took the lines after it into this row: say so, with every line it took.
    string Rejection(SepReader.Row row, string reason)
    {
        var from = row.LineNumberFrom;
        // The row's last line, from the line breaks inside it (Sep's own count includes the file's last line break
        // when a quote is open to the end).
        var to = row.LineNumberToExcl - from > 1 ? from + row.Span.TrimEnd("\r\n").Count('\n') : from;
        return to > from && row.ColCount != _columns
            ? $"lines {from}–{to}: rejected: {to - from + 1} lines read as one row ({reason}): a quote (\") on line {from} is most likely not closed"
            : $"line {from}: rejected: {reason}";
    }

    // File.Exists says no to a file it may not look at, as to one that is not there: asked directly, they differ.
    static bool Unreachable(string path)
    {
        try
        {
            using var _ = File.OpenHandle(path);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    static AnswerCsv? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}
