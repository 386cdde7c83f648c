namespace SecureBase.Cli.Batch;

// score --instrument ID --input FILE [--output FILE]: read → score each row (Core) → write CSV.
internal static class ScoreCsv
{
    static readonly HashSet<string> Allowed = ["instrument", "input", "output", .. CsvLayout.OptionNames];

    // What `securebase score --help` and `securebase-score --help` print.
    public const string Usage = """
        securebase score --instrument ID --input FILE [--output FILE] [--id-column NAME] [--item-columns PATTERN] [--skip-rows N]
        securebase-score (the same options)

        Scores a CSV of questionnaire answers, one row per person. securebase-score is the same command compiled
        ahead of time, for large files. Run 'securebase help' for the input format and the layout options.
        """;

    public static int Run(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["help"] || args.Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        if (AnswerCsv.OpenFromArguments(settings, args, Allowed, stderr) is not { } opened) return 2;
        var (options, pack, csv) = opened;
        using var _ = csv;

        var toFile = options["output"] is not (null or "-");
        using var output = toFile ? CsvOutput.ToFile(options["output"]!, options["input"]!, settings, stderr) : CsvOutput.ToStandardOutput(stdout);
        if (output is null) return 2;
        var scored = 0;
        try
        {
            var rows = new ScoredRows(pack, output.Text, toTerminal: !toFile && !Console.IsOutputRedirected);
            var read = csv.ReadAnswers((id, _, answers) =>
            {
                rows.Write(id, answers);
                scored++;
            }, stderr);
            if (!read || !output.Complete(stderr)) return 2;   // an output file is then left as it was
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {output.Explain(e)}");   // a full disk, a reader gone (| head): never the temporary file's name
            return 2;
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "value")
        {
            // .NET's word for EFBIG: a file-size limit (ulimit -f) or the file system's largest file
            stderr.WriteLine($"error: cannot write to {(toFile ? $"'{options["output"]}'" : "standard output")}: the file would be larger than this system allows (a file-size limit, ulimit -f?)");
            return 2;
        }
        stderr.WriteLine($"{Count(scored, "row")} scored, {csv.Rejected} rejected"
            + (csv.Skipped > 0 ? $", {Count(csv.Skipped, "row")} after the header skipped (--skip-rows)." : "."));
        return csv.LeftSomeOut ? 1 : 0;
    }

    static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
