using System.Globalization;
using nietras.SeparatedValues;
using SecureBase.Core.Instruments;

namespace SecureBase.Cli.Batch;

// score --instrument ID --input FILE [--output FILE]: read → score each row (Core) → write CSV.
internal static class ScoreCsv
{
    static readonly HashSet<string> Allowed = ["instrument", "input", "output"];

    public static int Run(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (AnswerCsv.OpenFromArguments(settings, args, Allowed, stderr) is not { } opened) return 2;
        var (options, pack, csv) = opened;
        using var _ = csv;

        using var output = options["output"] is { } path ? new StreamWriter(path) : null;
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output ?? stdout);
        var scored = 0;
        csv.ReadRows(row =>
        {
            WriteRow(writer, row.Id, Scoring.Score(pack, row.Sheet).Score!);
            scored++;
        }, stderr);
        stderr.WriteLine($"{scored} rows scored, {csv.Rejected} rejected.");
        return csv.Rejected > 0 ? 1 : 0;
    }

    static void WriteRow(SepWriter writer, string id, InstrumentScore score)
    {
        using var row = writer.NewRow();
        row["id"].Set(id);
        foreach (var s in score.Subscales) row[s.SubscaleId].Set(Format(s.Value));
        foreach (var c in score.Composites) row[c.CompositeId].Set(Format(c.Value));
        foreach (var s in score.Subscales) row[$"{s.SubscaleId}_answered"].Set(CultureInfo.InvariantCulture, $"{s.Answered}/{s.ItemCount}");
        row["flags"].Set(Flags(score));
    }

    // At least three decimals, up to six: enough to check by hand, no false precision.
    static string Format(double? value) => value?.ToString("0.000###", CultureInfo.InvariantCulture) ?? "";

    static string Flags(InstrumentScore score) => string.Join(' ', score.Subscales
        .Where(s => s.Prorated || s.Value is null)
        .Select(s => s.Value is null ? $"{s.SubscaleId}:too-many-missing" : $"{s.SubscaleId}:prorated"));
}
