using System.Globalization;
using SecureBase.Core.Statistics;

namespace SecureBase.Cli.Batch;

// norms --instrument ID --input FILE: local norms from baseline answers, as CSV.
internal static class NormsCsv
{
    static readonly HashSet<string> Allowed = ["instrument", "input", .. CsvLayout.OptionNames];

    public static int Run(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (AnswerCsv.OpenFromArguments(settings, args, Allowed, stderr) is not { } opened) return 2;
        var (options, pack, csv) = opened;
        using var _ = csv;

        var norms = new LocalNorms(pack);
        if (!csv.ReadRows(row => norms.Add(row.Sheet.Responses), stderr)) return 2;
        var set = norms.ToNormSet($"local-{pack.Id}", $"Local norms from {Path.GetFileName(options["input"])}");

        using (var output = CsvOutput.ToStandardOutput(stdout))
        {
            foreach (var entry in set.Entries) WriteRow(output, entry);
            output.Complete(stderr);
        }
        stderr.WriteLine($"N counts complete answers to a subscale's items; an RCI needs N ≥ {NormSet.MinimumLocalN}. {csv.Rejected} rows rejected.");
        return csv.LeftSomeOut ? 1 : 0;
    }

    static void WriteRow(CsvOutput output, NormEntry entry) => output.Row(
        ("subscale", entry.SubscaleId), ("mean", Format(entry.Mean)), ("sd", Format(entry.StandardDeviation)), ("alpha", Format(entry.Reliability)),
        ("n", entry.N.ToString(CultureInfo.InvariantCulture)),
        ("usable_for_rci", entry.N >= NormSet.MinimumLocalN && entry.Reliability is > 0 and < 1 ? "yes" : "no"));

    static string Format(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.000###", CultureInfo.InvariantCulture) : "";
}
