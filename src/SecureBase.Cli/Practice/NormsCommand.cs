using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;
using SecureBase.Core.Statistics;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Cli.Practice;

// norms import FILE | norms list | norms remove ID: published norm sets with their provenance (ADR 0004).
// None ships; an operator who has figures with a source adds them, and every verdict then names the set.
// The file is read whole and checked before anything is stored; one bad row stores nothing.
internal static class NormsCommand
{
    public const string Help = """
        usage: securebase norms import FILE     add published norm sets (a CSV, one row per subscale)
               securebase norms list            the imported norm sets
               securebase norms remove ID       remove one; verdicts use the local norms again

        FILE's header: instrument,target,subscale,mean,sd,reliability,reliability_kind,n,source
          target            empty for every target (and for instruments without targets); for the ECR-RS
                            one of partner, mother, father, best-friend, therapist, other
          reliability_kind  test-retest or alpha
          source            the citation the figures come from; required
        Rows of one instrument and target make one norm set, which replaces an earlier one of theirs.
        """;

    static readonly string[] Columns = ["instrument", "target", "subscale", "mean", "sd", "reliability", "reliability_kind", "n", "source"];

    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) => args switch
    {
        [_, "--help" or "-h"] or ["--help" or "-h"] => Print(stdout, 0),
        ["import", var file] => await ImportAsync(settings, file, stdout, stderr),
        ["list"] => await ListAsync(settings, stdout),
        ["remove", var id] => await RemoveAsync(settings, id, stdout, stderr),
        _ => Print(stderr, 2),
    };

    static int Print(TextWriter writer, int code)
    {
        writer.WriteLine(Help);
        return code;
    }

    sealed record Row(int Line, string Instrument, string? Target, NormEntry Entry, string Source);

    static async Task<int> ImportAsync(CliSettings settings, string file, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(file))
        {
            stderr.WriteLine($"error: {file} does not exist.");
            return 2;
        }
        var catalog = settings.LoadCatalog();
        var rows = new List<Row>();
        var problems = new List<string>();
        using (var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(file))
        {
            var missing = Columns.Where(c => !reader.Header.ColNames.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
            {
                stderr.WriteLine($"error: the header lacks {string.Join(", ", missing)}; it must be: {string.Join(",", Columns)}");
                return 2;
            }
            var index = Columns.ToDictionary(c => c, c => reader.Header.ColNames.ToList().FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase)));
            foreach (var row in reader)
            {
                var line = row.LineNumberFrom;
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (column, at) in index) cells[column] = row[at].ToString();
                string Cell(string column) => cells[column];
                var instrument = Cell("instrument").ToLowerInvariant();
                if (catalog.Find(instrument) is not { } pack)
                {
                    problems.Add($"line {line}: instrument \"{instrument}\" is not one of: {string.Join(", ", catalog.All.Select(p => p.Id))}");
                    continue;
                }
                var target = Cell("target") is { Length: > 0 } t ? t.ToLowerInvariant() : null;
                var kind = Cell("reliability_kind").ToLowerInvariant() switch
                {
                    "test-retest" or "testretest" => (ReliabilityKind?)ReliabilityKind.TestRetest,
                    "alpha" or "cronbachalpha" or "cronbach-alpha" => ReliabilityKind.CronbachAlpha,
                    _ => null,
                };
                static double? Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
                if (Number(Cell("mean")) is not { } mean || Number(Cell("sd")) is not { } sd || Number(Cell("reliability")) is not { } reliability)
                {
                    problems.Add($"line {line}: mean, sd and reliability must be numbers with a point for decimals, like 3.56");
                    continue;
                }
                if (kind is null)
                {
                    problems.Add($"line {line}: reliability_kind \"{Cell("reliability_kind")}\" must be test-retest or alpha");
                    continue;
                }
                if (!int.TryParse(Cell("n"), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    problems.Add($"line {line}: n \"{Cell("n")}\" must be a whole number, the size of the sample");
                    continue;
                }
                var entry = new NormEntry(Cell("subscale").ToLowerInvariant(), mean, sd, reliability, kind.Value, n);
                if (NormSetRules.ProblemWithPublished(pack, target, entry, Cell("source")) is { } problem)
                    problems.Add($"line {line}: {problem}");
                else
                    rows.Add(new Row(line, instrument, target, entry, Cell("source")));
            }
        }
        var sets = rows.GroupBy(r => (r.Instrument, r.Target)).ToList();
        foreach (var set in sets)
        {
            if (set.Select(r => r.Source).Distinct(StringComparer.Ordinal).Count() > 1)
                problems.Add($"lines {string.Join(", ", set.Select(r => r.Line))}: one norm set ({Describe(set.Key.Instrument, set.Key.Target)}) must have one source");
            foreach (var twice in set.GroupBy(r => r.Entry.SubscaleId).Where(g => g.Count() > 1))
                problems.Add($"lines {string.Join(", ", twice.Select(r => r.Line))}: subscale {twice.Key} is given twice for {Describe(set.Key.Instrument, set.Key.Target)}");
        }
        if (problems.Count > 0 || sets.Count == 0)
        {
            foreach (var problem in problems) stderr.WriteLine($"error: {problem}");
            if (sets.Count == 0 && problems.Count == 0) stderr.WriteLine("error: the file has no rows after its header.");
            stderr.WriteLine("Nothing was imported.");
            return 2;
        }

        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var set in sets)
        {
            var id = $"published-{set.Key.Instrument}-{set.Key.Target ?? "all"}";
            var replaced = await db.NormSets.Where(n => n.Id == id).ExecuteDeleteAsync();
            var pack = catalog.Find(set.Key.Instrument)!;
            var name = $"{pack.ShortTitle}{(set.Key.Target is { } t ? $" about {t}" : "")} norms imported {now:d MMM yyyy}";
            db.NormSets.Add(StoredNormSet.From(new NormSet(id, name, set.Key.Instrument, NormOrigin.Published, set.First().Source,
                set.Select(r => r.Entry).ToList(), set.Key.Target), now));
            stdout.WriteLine($"{(replaced > 0 ? "Replaced" : "Imported")} {id}: {string.Join(", ", set.Select(r => r.Entry.SubscaleId))}; source: {set.First().Source}");
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        stdout.WriteLine("Verdicts about these instruments now use the imported figures and name them.");
        return 0;
    }

    static string Describe(string instrument, string? target) => instrument + (target is null ? "" : $" about {target}");

    static async Task<int> ListAsync(CliSettings settings, TextWriter stdout)
    {
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sets = await db.NormSets.AsNoTracking().Include(n => n.Entries).Where(n => n.Origin == NormOrigin.Published).OrderBy(n => n.Id).ToListAsync();
        if (sets.Count == 0) stdout.WriteLine("No imported norm sets: verdicts use the local norms (ADR 0004).");
        foreach (var set in sets)
            stdout.WriteLine($"{set.Id}\t{string.Join(", ", set.Entries.OrderBy(e => e.SubscaleId).Select(e => $"{e.SubscaleId} (mean {e.Mean}, SD {e.StandardDeviation}, r {e.Reliability} {e.ReliabilityKind}, N {e.N})"))}\tsource: {set.Source}");
        return 0;
    }

    static async Task<int> RemoveAsync(CliSettings settings, string id, TextWriter stdout, TextWriter stderr)
    {
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.NormSets.Where(n => n.Id == id && n.Origin == NormOrigin.Published).ExecuteDeleteAsync() == 0)
        {
            stderr.WriteLine($"error: no imported norm set has the id {id}; 'securebase norms list' shows them.");
            return 2;
        }
        stdout.WriteLine($"Removed {id}.");
        return 0;
    }
}
