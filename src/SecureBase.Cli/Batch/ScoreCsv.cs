namespace SecureBase.Cli.Batch;

// score --instrument ID --input FILE [--output FILE]: read → score each row (Core) → write CSV.
internal static class ScoreCsv
{
    static readonly HashSet<string> Allowed = ["instrument", "input", "output", .. CsvLayout.OptionNames];

    // What securebase-score prints for --help; `securebase help` says the same among its other commands.
    public const string Usage = """
        securebase-score --instrument ID --input FILE [--output FILE] [--id-column NAME] [--item-columns PATTERN] [--skip-rows N]

        Scores a CSV of questionnaire answers, one row per person: `securebase score`, compiled ahead of time for
        large files. Run 'securebase help' for the input format and the layout options.
        """;

    public static int Run(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (AnswerCsv.OpenFromArguments(settings, args, Allowed, stderr) is not { } opened) return 2;
        var (options, pack, csv) = opened;
        using var _ = csv;

        using var output = options["output"] is { } path and not "-" ? CsvOutput.ToFile(path, options["input"]!, settings, stderr) : CsvOutput.ToStandardOutput(stdout);
        if (output is null) return 2;
        var rows = new ScoredRows(pack, output.Text);
        var scored = 0;
        csv.ReadAnswers((id, _, answers) =>
        {
            rows.Write(id, answers);
            scored++;
        }, stderr);
        if (!output.Complete(stderr)) return 2;
        stderr.WriteLine($"{scored} rows scored, {csv.Rejected} rejected.");
        return csv.Rejected > 0 ? 1 : 0;
    }
}
