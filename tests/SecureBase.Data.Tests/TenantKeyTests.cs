using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Postgres;

namespace SecureBase.Data.Tests;

// The sharding plan (ADR 0018) checked against the schema: every table is placed in exactly one list, and
// every distributed table has the column it would be distributed by.
public sealed partial class TenantKeyTests
{
    static string Adr()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "docs", "decisions", "0018-distribution-by-practice.md");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/decisions/0018-distribution-by-practice.md not found above the test binaries");
    }

    static Dictionary<string, (string Kind, string? Column)> Plan()
    {
        var plan = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (Match line in ListLine().Matches(Adr()))
            foreach (Match table in TableEntry().Matches(line.Groups[2].Value))
                Assert.True(plan.TryAdd(table.Groups[1].Value, (line.Groups[1].Value, table.Groups[2].Success ? table.Groups[2].Value : null)),
                    $"{table.Groups[1].Value} is listed twice in ADR 0018");
        return plan;
    }

    static Dictionary<string, HashSet<string>> Schema()
    {
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=unused").Options);
        return db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null)
            .GroupBy(t => t.GetTableName()!)
            .ToDictionary(g => g.Key, g => g.SelectMany(t => t.GetProperties().Select(p => p.GetColumnName())).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void EveryTableIsPlacedAndCarriesItsDistributionColumn()
    {
        var plan = Plan();
        var schema = Schema();
        Assert.Empty(schema.Keys.Where(t => !plan.ContainsKey(t)).Select(t => $"{t} is in no list of ADR 0018"));
        Assert.Empty(plan.Keys.Where(t => !schema.ContainsKey(t)).Select(t => $"{t} is in ADR 0018 but not in the schema"));
        var missing = plan.Where(p => p.Value.Kind != "reference" && p.Value.Column is { } column && !column.StartsWith("needs ", StringComparison.Ordinal) && !schema[p.Key].Contains(column))
            .Select(p => $"{p.Key} has no column {p.Value.Column}").ToList();
        Assert.Empty(missing);
        Assert.All(plan.Where(p => p.Value.Kind != "reference"), p => Assert.NotNull(p.Value.Column));
        // Every table of the practice list has a practice key (ChainId is the audit trail's).
        Assert.All(plan.Where(p => p.Value.Kind == "practice" && p.Key != "Practices"), p => Assert.Contains(p.Value.Column, new[] { "PracticeId", "ChainId" }));
    }

    [GeneratedRegex(@"^(practice|person|reference): (.+)$", RegexOptions.Multiline)]
    private static partial Regex ListLine();

    [GeneratedRegex(@"([A-Za-z_]+)(?:\(([^)]+)\))?")]
    private static partial Regex TableEntry();
}
