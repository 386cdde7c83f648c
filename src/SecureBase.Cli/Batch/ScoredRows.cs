using System.Globalization;
using SecureBase.Core.Export;
using SecureBase.Core.Instruments;

namespace SecureBase.Cli.Batch;

// The rows `score` writes: a header naming the columns, then per person the id, each subscale's and composite's
// score, how many items of each subscale were answered, and flags. Scored through Core's ScoringPlan (the rules
// of Scoring.Score without a dictionary or a list per row) and written as one line (CsvLine), so a row allocates
// nothing unless it is flagged: 200,000 rows cost little more than reading them (issue 11, scripts/bench-score.sh,
// ScoredRowsTests).
internal sealed class ScoredRows
{
    private readonly InstrumentPack _pack;
    private readonly ScoringPlan _plan;
    private readonly TextWriter _text;
    private readonly double[] _values;
    private readonly int[] _answered;
    private readonly char[] _buffer = new char[64];
    private readonly CsvLine _line = new();

    private readonly bool _toTerminal;

    /// <summary>Writes the header to <paramref name="text"/> at once (so a file with no rows still has it). To a
    /// terminal (<paramref name="toTerminal"/>), an id's invisible characters are shown as \u001B: an escape sequence
    /// in a file must not reach the terminal.</summary>
    public ScoredRows(InstrumentPack pack, TextWriter text, bool toTerminal = false)
    {
        (_pack, _plan, _text, _toTerminal) = (pack, new ScoringPlan(pack), text, toTerminal);
        (_values, _answered) = (new double[pack.Subscales.Count], new int[pack.Subscales.Count]);
        string[] names = ["id", .. pack.Subscales.Select(s => s.Id), .. pack.Composites.Select(c => c.Id), .. pack.Subscales.Select(s => $"{s.Id}_answered"), "flags"];
        foreach (var name in names) _line.Quoted(name);   // an operator's pack names its subscales
        _line.WriteTo(text);
    }

    /// <summary>One person's row: <paramref name="answers"/> in the pack's item order, ScoringPlan.Missing where empty.</summary>
    public void Write(ReadOnlySpan<char> id, ReadOnlySpan<int> answers)
    {
        _plan.Score(answers, _values, _answered);
        if (_toTerminal && id.ContainsAnyExcept(PlainText)) _line.Quoted(SpreadsheetSafe.Cell(CsvCells.Shown(id)));
        else if (SpreadsheetSafe.IsSafeAsIs(id)) _line.Quoted(id);
        else _line.Quoted(SpreadsheetSafe.Cell(id.ToString()));
        foreach (var value in _values) _line.Plain(Format(value, _buffer));
        for (var c = 0; c < _pack.Composites.Count; c++) _line.Plain(Format(_plan.Composite(c, _values), _buffer));
        for (var s = 0; s < _values.Length; s++) _line.Plain(ScoreFormat.Answered(_answered[s], _plan.ItemCount(s), _buffer));
        _line.Plain(Flags(_pack, _values, _answered, _plan));
        _line.WriteTo(_text);
    }

    static readonly System.Buffers.SearchValues<char> PlainText = System.Buffers.SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c)]);

    // At least three decimals, up to six: enough to check by hand, no false precision. Empty for no score (NaN).
    static ReadOnlySpan<char> Format(double value, char[] buffer) => ScoreFormat.Decimal(value, buffer);

    // "anxiety:prorated avoidance:too-many-missing", or nothing when every subscale was fully answered.
    static string Flags(InstrumentPack pack, double[] values, int[] answered, ScoringPlan plan)
    {
        var any = false;
        for (var s = 0; s < values.Length && !any; s++) any = double.IsNaN(values[s]) || answered[s] < plan.ItemCount(s);
        return any ? FlagWords(pack, values, answered, plan) : "";
    }

    // Apart from Flags because its lambdas capture the parameters, and C# allocates that capture where the method
    // begins: in Flags, 48 bytes for every row, flagged or not (10 MB for 200,000 rows; issue 11).
    static string FlagWords(InstrumentPack pack, double[] values, int[] answered, ScoringPlan plan) =>
        string.Join(' ', Enumerable.Range(0, values.Length)
            .Where(s => double.IsNaN(values[s]) || answered[s] < plan.ItemCount(s))
            .Select(s => double.IsNaN(values[s]) ? $"{pack.Subscales[s].Id}:too-many-missing" : $"{pack.Subscales[s].Id}:prorated"));
}
