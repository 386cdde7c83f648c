using System.Globalization;
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
        var scored = 0;
        csv.ReadRows(row =>
        {
            WriteRow(output, row.Id, Scoring.Score(pack, row.Sheet).Score!);
            scored++;
        }, stderr);
        if (scored == 0) output.HeaderOnly(["id", .. pack.Subscales.Select(s => s.Id), .. pack.Composites.Select(c => c.Id),
            .. pack.Subscales.Select(s => $"{s.Id}_answered"), "flags"]);
        if (!output.Complete(stderr)) return 2;
        stderr.WriteLine($"{scored} rows scored, {csv.Rejected} rejected.");
        return csv.Rejected > 0 ? 1 : 0;
    }

    static void WriteRow(CsvOutput output, string id, InstrumentScore score) => output.Row(
    [
        ("id", id),
        .. score.Subscales.Select(s => (s.SubscaleId, (string?)Format(s.Value))),
        .. score.Composites.Select(c => (c.CompositeId, (string?)Format(c.Value))),
        .. score.Subscales.Select(s => ($"{s.SubscaleId}_answered", (string?)string.Create(CultureInfo.InvariantCulture, $"{s.Answered}/{s.ItemCount}"))),
        ("flags", Flags(score)),
    ]);

    // At least three decimals, up to six: enough to check by hand, no false precision.
    static string Format(double? value) => value?.ToString("0.000###", CultureInfo.InvariantCulture) ?? "";

    static string Flags(InstrumentScore score) => string.Join(' ', score.Subscales
        .Where(s => s.Prorated || s.Value is null)
        .Select(s => s.Value is null ? $"{s.SubscaleId}:too-many-missing" : $"{s.SubscaleId}:prorated"));
}
