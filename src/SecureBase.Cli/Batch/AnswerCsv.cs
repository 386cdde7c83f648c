using System.Globalization;
using nietras.SeparatedValues;
using SecureBase.Core.Instruments;

namespace SecureBase.Cli.Batch;

internal sealed record AnswerRow(string Id, int LineNumber, AnswerSheet Sheet);

// Reads answer CSVs exported from survey tools: "id" then one column per item, named by its
// published number. Quoted fields, a BOM, CRLF and a trailing blank line are the CSV library's job
// (Sep); checking each value against the instrument is ours. A bad row is rejected with its line
// number and reason; the other rows go on.
internal sealed class AnswerCsv : IDisposable
{
    private readonly InstrumentPack _pack;
    private readonly SepReader _reader;
    private readonly string?[] _itemIdByColumn;

    private AnswerCsv(InstrumentPack pack, SepReader reader, string?[] itemIdByColumn) =>
        (_pack, _reader, _itemIdByColumn) = (pack, reader, itemIdByColumn);

    public int Rejected { get; private set; }

    public void Dispose() => _reader.Dispose();

    // The shared start of the batch commands: options, then the instrument, then the input file.
    // Null (after saying why on stderr) when any of them is wrong.
    public static (Options Options, InstrumentPack Pack, AnswerCsv Csv)? OpenFromArguments(
        CliSettings settings, IReadOnlyList<string> args, IReadOnlySet<string> allowed, TextWriter stderr)
    {
        if (Options.Parse(args, allowed, stderr) is not { } options) return null;
        if (options.Require("instrument", stderr) is not { } instrumentId || options.Require("input", stderr) is not { } input) return null;
        if (InstrumentLookup.Find(settings, instrumentId, stderr) is not { } pack) return null;
        return Open(pack, input, stderr) is { } csv ? (options, pack, csv) : null;
    }

    public static AnswerCsv? Open(InstrumentPack pack, string path, TextWriter stderr)
    {
        if (Directory.Exists(path)) return Fail(stderr, $"input '{path}' is a folder; give the CSV file.");
        if (!File.Exists(path)) return Fail(stderr, $"input file '{path}' does not exist.");
        SepReader reader;
        try
        {
            reader = Sep.New(',').Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(stderr, $"cannot read '{path}': {e.Message}");
        }
        catch (ArgumentException)
        {
            return Fail(stderr, $"{path}, line 1: the header names a column twice");   // Sep refuses duplicate names
        }
        if (HeaderProblem(pack, reader.Header.ColNames) is { } problem)
        {
            reader.Dispose();
            return Fail(stderr, $"{path}, line 1: {problem}");
        }
        var itemIds = reader.Header.ColNames.Select((name, i) => i == 0 ? null : pack.FindItemByNumber(int.Parse(name, CultureInfo.InvariantCulture))!.Id).ToArray();
        return new AnswerCsv(pack, reader, itemIds);
    }

    public void ReadRows(Action<AnswerRow> onRow, TextWriter stderr)
    {
        foreach (var row in _reader)
        {
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace()) continue;   // blank line
            var (answer, reason) = Parse(row);
            if (answer is not null) onRow(answer);
            else Reject(stderr, row.LineNumberFrom, reason!);
        }
    }

    (AnswerRow?, string?) Parse(SepReader.Row row)
    {
        if (row.ColCount != _itemIdByColumn.Length) return (null, $"expected {_itemIdByColumn.Length} columns, found {row.ColCount}");
        var id = row[0].ToString();
        if (id.Length == 0) return (null, "the id is empty");
        var responses = new Dictionary<string, int>(_itemIdByColumn.Length, StringComparer.Ordinal);
        for (var col = 1; col < row.ColCount; col++)
        {
            var text = row[col].Span;
            if (text.IsEmpty) continue;   // a missing answer
            var number = _reader.Header.ColNames[col];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return (null, $"item {number}: '{Shorten(text)}' is not a whole number");
            if (!_pack.Scale.Contains(value))
                return (null, $"item {number}: {value} is outside the scale {_pack.Scale.Min}–{_pack.Scale.Max}");
            responses[_itemIdByColumn[col]!] = value;
        }
        return (new AnswerRow(id, row.LineNumberFrom, new AnswerSheet(_pack.Id, responses)), null);
    }

    void Reject(TextWriter stderr, int line, string reason)
    {
        Rejected++;
        stderr.WriteLine($"line {line}: rejected: {reason}");
    }

    static string? HeaderProblem(InstrumentPack pack, IReadOnlyList<string> names)
    {
        if (names.Count == 0 || !names[0].Equals("id", StringComparison.OrdinalIgnoreCase))
            return "the first column must be \"id\"";
        var seen = new HashSet<int>();
        foreach (var name in names.Skip(1))
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || pack.FindItemByNumber(number) is null)
                return $"column \"{name}\" is not an item number of {pack.ShortTitle} (1–{pack.Items.Count})";
            seen.Add(number);
        }
        var missing = pack.Items.Select(i => i.Number).Where(n => !seen.Contains(n)).ToList();
        return missing.Count > 0 ? $"no column for item(s) {string.Join(", ", missing)} of {pack.ShortTitle}" : null;
    }

    static string Shorten(ReadOnlySpan<char> text) => text.Length <= 20 ? text.ToString() : text[..20].ToString() + "…";

    static AnswerCsv? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}
