using System.Globalization;

namespace SecureBase.Cli.Batch;

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
        if (options["id-column"] is { } id && string.IsNullOrWhiteSpace(id))
            return Fail(stderr, "--id-column needs the name of the column with each person's id (Qualtrics: ResponseId).");
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
