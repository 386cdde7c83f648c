using System.Globalization;
using SecureBase.Core.Export;
using SecureBase.Core.Instruments;

namespace SecureBase.Cli.Batch;

// score --instrument ID --input FILE [--output FILE]: read → score each row (Core) → write CSV.
internal static class ScoreCsv
{
    static readonly HashSet<string> Allowed = ["instrument", "input", "output", .. CsvLayout.OptionNames];

    public static int Run(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (AnswerCsv.OpenFromArguments(settings, args, Allowed, stderr) is not { } opened) return 2;
        var (options, pack, csv) = opened;
        using var _ = csv;

        using var output = options["output"] is { } path and not "-" ? CsvOutput.ToFile(path, options["input"]!, settings, stderr) : CsvOutput.ToStandardOutput(stdout);
        if (output is null) return 2;
        // Scored through Core's ScoringPlan, the rules of Scoring.Score without a dictionary or a list per row,
        // and written as spans: 200,000 rows cost little more than reading them (issue 11, scripts/bench-score.sh).
        var plan = new ScoringPlan(pack);
        var (subscales, composites) = (pack.Subscales.Count, pack.Composites.Count);
        string[] names = ["id", .. pack.Subscales.Select(s => s.Id), .. pack.Composites.Select(c => c.Id), .. pack.Subscales.Select(s => $"{s.Id}_answered"), "flags"];
        var values = new double[subscales];
        var answered = new int[subscales];
        var buffer = new char[64];
        var scored = 0;
        // Columns by position, named once in the header (which Sep writes even when no row follows): a lookup by
        // name for every cell was a tenth of the time.
        output.Writer.Header.Add(names);
        csv.ReadAnswers((id, _, answers) =>
        {
            plan.Score(answers, values, answered);
            using (var row = output.Writer.NewRow())
            {
                if (SpreadsheetSafe.IsSafeAsIs(id)) row[0].Set(id);
                else row[0].Set(SpreadsheetSafe.Cell(id.ToString()));
                for (var s = 0; s < subscales; s++) row[1 + s].Set(Format(values[s], buffer));
                for (var c = 0; c < composites; c++) row[1 + subscales + c].Set(Format(plan.Composite(c, values), buffer));
                for (var s = 0; s < subscales; s++) row[1 + subscales + composites + s].Set(Answered(answered[s], plan.ItemCount(s), buffer));
                row[names.Length - 1].Set(Flags(pack, values, answered, plan));
            }
            scored++;
        }, stderr);
        if (!output.Complete(stderr)) return 2;
        stderr.WriteLine($"{scored} rows scored, {csv.Rejected} rejected.");
        return csv.Rejected > 0 ? 1 : 0;
    }

    // At least three decimals, up to six: enough to check by hand, no false precision. Empty for no score (NaN).
    static ReadOnlySpan<char> Format(double value, char[] buffer) => ScoreFormat.Decimal(value, buffer);

    // "17/18": items answered of the subscale's.
    static ReadOnlySpan<char> Answered(int answered, int count, char[] buffer)
    {
        answered.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        buffer[n++] = '/';
        count.TryFormat(buffer.AsSpan(n), out var m, default, CultureInfo.InvariantCulture);
        return buffer.AsSpan(0, n + m);
    }

    // "anxiety:prorated avoidance:too-many-missing", or nothing when every subscale was fully answered.
    static string Flags(InstrumentPack pack, double[] values, int[] answered, ScoringPlan plan)
    {
        var any = false;
        for (var s = 0; s < values.Length && !any; s++) any = double.IsNaN(values[s]) || answered[s] < plan.ItemCount(s);
        if (!any) return "";
        return string.Join(' ', Enumerable.Range(0, values.Length)
            .Where(s => double.IsNaN(values[s]) || answered[s] < plan.ItemCount(s))
            .Select(s => double.IsNaN(values[s]) ? $"{pack.Subscales[s].Id}:too-many-missing" : $"{pack.Subscales[s].Id}:prorated"));
    }
}
