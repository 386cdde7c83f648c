using System.Globalization;
using nietras.SeparatedValues;
using SecureBase.Core.Instruments;

namespace SecureBase.Cli.Batch;

internal sealed record AnswerRow(string Id, int LineNumber, AnswerSheet Sheet);

/// <summary>One good row: its id (valid only during the call), its line, its answers by item position.</summary>
internal delegate void AnswersHandler(ReadOnlySpan<char> id, int line, int[] answers);

// How an export's columns map to an instrument. By default the first column is "id" and every other
// column is an item named by its published number. Survey tools export more (Qualtrics: StartDate, …,
// ResponseId, items Q1…Q36 or ECR_1…ECR_36, and two more header rows of question texts and import ids):
// then name the id column, give the item columns' pattern ("{n}" stands for the item's number), skip the
// rows after the header, and every other column is ignored.
internal sealed record CsvLayout(string? IdColumn, string ItemPattern, int SkipRows)
{
    public static readonly CsvLayout Default = new(null, "{n}", 0);

    public static readonly IReadOnlySet<string> OptionNames = new HashSet<string> { "id-column", "item-columns", "skip-rows" };

    // Other columns are allowed (and ignored) once the file's layout is named; a plain file stays strict.
    public bool IgnoresOtherColumns => IdColumn is not null || ItemPattern != "{n}";

    public static CsvLayout? From(Options options, TextWriter stderr)
    {
        var pattern = options["item-columns"] ?? "{n}";
        if (pattern.IndexOf("{n}", StringComparison.Ordinal) is var at && (at < 0 || pattern.IndexOf("{n}", at + 3, StringComparison.Ordinal) >= 0))
            return Fail(stderr, $"--item-columns '{pattern}' must contain {{n}} once, where the item's number stands: Q{{n}} for Q1…Q36, ECR_{{n}} for ECR_1…ECR_36.");
        var skip = 0;
        if (options["skip-rows"] is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip > 100))
            return Fail(stderr, $"--skip-rows '{text}' must be a whole number from 0 to 100: the rows after the header that hold no answers (2 for a Qualtrics export).");
        return new CsvLayout(options["id-column"], pattern, skip);
    }

    // The item number a column names, or null when it names none.
    public int? ItemNumber(string column)
    {
        var at = ItemPattern.IndexOf("{n}", StringComparison.Ordinal);
        var (prefix, suffix) = (ItemPattern[..at], ItemPattern[(at + 3)..]);
        if (column.Length <= prefix.Length + suffix.Length || !column.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !column.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return null;
        return int.TryParse(column.AsSpan(prefix.Length, column.Length - prefix.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    static CsvLayout? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}

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
    private readonly (int Column, int Position, string Name)[] _items;   // Position: the item's place in the pack
    // The same as two plain arrays and the scale as numbers: the per-cell loop reads nothing else (7 million cells
    // in 200,000 ECR-R rows).
    private readonly int[] _itemColumns, _itemPositions;
    private readonly int _scaleMin, _scaleMax;
    private readonly SeenIds _seen;

    private readonly int _columns;

    private AnswerCsv(InstrumentPack pack, SepReader reader, CsvLayout layout, int idColumn, (int Column, int Position, string Name)[] items, long fileLength)
    {
        // Rows in the file, roughly: its length over the header's (an answer row is about as long).
        _seen = new SeenIds(fileLength / Math.Max(1, reader.Header.ColNames.Sum(n => n.Length + 1)));
        (_pack, _reader, _layout, _idColumn, _items, _columns) = (pack, reader, layout, idColumn, items, reader.Header.ColNames.Count);
        (_itemColumns, _itemPositions) = ([.. items.Select(i => i.Column)], [.. items.Select(i => i.Position)]);
        (_scaleMin, _scaleMax) = (pack.Scale.Min, pack.Scale.Max);
    }

    public int Rejected { get; private set; }

    public void Dispose() => _reader.Dispose();

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
        if (Directory.Exists(path)) return Fail(stderr, $"input '{path}' is a folder; give the CSV file.");
        if (!File.Exists(path)) return Fail(stderr, $"input file '{path}' does not exist.");
        SepReader reader;
        try
        {
            // The separator is read from the header: a comma, or the semicolon of European spreadsheets. Spaces
            // around a value ("id, 1, 2") are trimmed here, not by Sep: its trimming looked at every one of
            // 7 million cells (13% of scoring 200,000 ECR-R rows), where only a cell that is not one digit needs it.
            reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(stderr, $"cannot read '{path}': {e.Message}");
        }
        catch (ArgumentException)
        {
            return Fail(stderr, $"{path}, line 1: the header names a column twice");   // Sep refuses duplicate names
        }
        var names = reader.Header.ColNames.Select(n => Bare(n).ToString()).ToList();
        var (idColumn, items, problem) = Columns(pack, layout, names);
        if (problem is not null)
        {
            reader.Dispose();
            return Fail(stderr, $"{path}, line 1: {problem}");
        }
        return new AnswerCsv(pack, reader, layout, idColumn, items!, new FileInfo(path).Length);
    }

    public void ReadRows(Action<AnswerRow> onRow, TextWriter stderr) => ReadAnswers((id, line, answers) =>
    {
        var responses = new Dictionary<string, int>(answers.Length, StringComparer.Ordinal);
        for (var i = 0; i < answers.Length; i++)
            if (answers[i] != ScoringPlan.Missing) responses[_pack.Items[i].Id] = answers[i];
        onRow(new AnswerRow(id.ToString(), line, new AnswerSheet(_pack.Id, responses)));
    }, stderr);

    /// <summary>
    /// Each good row as its id, line and answers in the pack's item order (ScoringPlan.Missing where empty). The
    /// answers array and the id are reused for the next row: copy what must outlive the call. Nothing is allocated
    /// per row, so 200,000 rows cost little more than reading them (issue 11).
    /// </summary>
    public void ReadAnswers(AnswersHandler onRow, TextWriter stderr)
    {
        var skipped = 0;
        var answers = new int[_pack.Items.Count];
        foreach (var row in _reader)
        {
            if (skipped < _layout.SkipRows) { skipped++; continue; }   // question texts, import ids
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue;   // blank line
            if (Problem(row, answers) is { } reason) Reject(stderr, row.LineNumberFrom, reason);
            else onRow(Bare(row[_idColumn].Span), row.LineNumberFrom, answers);
        }
    }

    // Reads the row's answers into answers; null when it is good, else why it is rejected.
    string? Problem(SepReader.Row row, int[] answers)
    {
        if (row.ColCount != _columns) return $"expected {_columns} columns, found {row.ColCount}";
        var idText = Bare(row[_idColumn].Span);
        if (idText.IsEmpty) return "the id is empty";
        var hash = _seen.Hash(idText);   // first: its slot is fetched while the answers are read
        Array.Fill(answers, ScoringPlan.Missing);
        for (var i = 0; i < _itemColumns.Length; i++)
        {
            var text = row[_itemColumns[i]].Span;
            if (text.IsEmpty) continue;   // a missing answer
            // The common case first: one digit on the scale. Then whole numbers as a spreadsheet may write them ("6.0"); never 4.5.
            if (text.Length == 1 && (uint)(text[0] - '0' - _scaleMin) <= (uint)(_scaleMax - _scaleMin))
            {
                answers[_itemPositions[i]] = text[0] - '0';
                continue;
            }
            text = Bare(text);
            if (text.IsEmpty) continue;
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number != Math.Floor(number))
                return $"item {_items[i].Name}: '{Shorten(text)}' is not a whole number";
            if (number < _scaleMin || number > _scaleMax)
                return $"item {_items[i].Name}: {Shorten(text)} is outside the scale {_scaleMin}–{_scaleMax}";
            answers[_itemPositions[i]] = (int)number;
        }
        return _seen.FirstLineOf(hash, row.LineNumberFrom) is var first and > 0 ? $"the id '{Shorten(idText)}' is already on line {first}" : null;
    }

    void Reject(TextWriter stderr, int line, string reason)
    {
        Rejected++;
        stderr.WriteLine($"line {line}: rejected: {reason}");
    }

    // The id column, the item columns, or what is wrong with the header and how to fix it.
    static (int IdColumn, (int, int, string)[]? Items, string? Problem) Columns(InstrumentPack pack, CsvLayout layout, List<string> names)
    {
        if (names.Count == 0) return (0, null, "the file is empty: it needs a header row");
        int idColumn;
        if (layout.IdColumn is { } wanted)
        {
            idColumn = names.FindIndex(n => n.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            if (idColumn < 0) return (0, null, $"there is no column \"{wanted}\"; the columns are {List(names)}");
        }
        else if (names[0].Equals("id", StringComparison.OrdinalIgnoreCase)) idColumn = 0;
        else
        {
            var likely = names.FirstOrDefault(n => n.Contains("id", StringComparison.OrdinalIgnoreCase) && !n.Equals(names[0], StringComparison.Ordinal));
            return (0, null, $"the first column is \"{Shorten(names[0])}\", not \"id\"; name the id column with --id-column"
                + (likely is null ? "" : $" {likely}") + " (and the item columns with --item-columns, e.g. Q{n}, if they are not bare numbers)");
        }
        var items = new List<(int, int, string)>();
        var seen = new HashSet<int>();
        for (var col = 0; col < names.Count; col++)
        {
            if (col == idColumn) continue;
            var number = layout.ItemNumber(names[col]);
            if (number is null)
            {
                if (layout.IgnoresOtherColumns) continue;
                return (0, null, $"column \"{Shorten(names[col])}\" is not an item number of {pack.ShortTitle} (1–{pack.Items.Count}); "
                    + "for an export with other columns or named items, use --id-column and --item-columns (e.g. Q{n}), and other columns are ignored");
            }
            if (pack.FindItemByNumber(number.Value) is not { } item)
            {
                if (layout.IgnoresOtherColumns) continue;   // a survey's other questions (Q10… after a 9-item ECR-RS)
                return (0, null, $"column \"{names[col]}\" names item {number}, but {pack.ShortTitle} has items 1–{pack.Items.Count}");
            }
            if (!seen.Add(number.Value)) return (0, null, $"item {number} has two columns");
            items.Add((col, IndexOf(pack, item), names[col]));
        }
        var missing = pack.Items.Select(i => i.Number).Where(n => !seen.Contains(n)).ToList();
        if (missing.Count > 0)
            return (0, null, $"no column for item(s) {string.Join(", ", missing)} of {pack.ShortTitle}"
                + (layout.ItemPattern == "{n}" ? "" : $" (looked for columns named {layout.ItemPattern.Replace("{n}", "1", StringComparison.Ordinal)}, {layout.ItemPattern.Replace("{n}", "2", StringComparison.Ordinal)}, …)"));
        return (idColumn, [.. items], null);
    }

    static int IndexOf(InstrumentPack pack, Item item)
    {
        for (var i = 0; i < pack.Items.Count; i++) if (ReferenceEquals(pack.Items[i], item)) return i;
        throw new InvalidOperationException($"item {item.Id} is not in {pack.Id}");
    }

    // A cell without the spaces around it, and without quotes that stood after a space (' "4" ', which Sep leaves
    // as it is: it unescapes a cell that begins with a quote). Spaces only: a tab or line break in an id is kept
    // (and made safe for spreadsheets when written).
    static ReadOnlySpan<char> Bare(ReadOnlySpan<char> cell)
    {
        var trimmed = cell.Trim(' ');
        return trimmed.Length < cell.Length && trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim(' ') : trimmed;
    }

    static string List(List<string> names) =>
        string.Join(", ", names.Take(8).Select(n => $"\"{Shorten(n)}\"")) + (names.Count > 8 ? $" and {names.Count - 8} more" : "");

    static string Shorten(ReadOnlySpan<char> text) => text.Length <= 20 ? text.ToString() : text[..20].ToString() + "…";

    static string Shorten(string text) => Shorten(text.AsSpan());

    static AnswerCsv? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}
