using SecureBase.Core.Instruments;
using static SecureBase.Cli.Batch.CsvCells;

namespace SecureBase.Cli.Batch;

// Which of a file's columns hold the id and each item, given its layout (CsvLayout).
internal static class AnswerColumns
{
    // The id column, the item columns, or what is wrong with the header and how to fix it.
    public static (int IdColumn, (int, int, string)[]? Items, string? Problem) Find(InstrumentPack pack, CsvLayout layout, List<string> names)
    {
        if (names.All(n => n.Length == 0)) return (0, null, "the file is empty: it needs a header row (id, then the item numbers)");
        int idColumn;
        if (layout.IdColumn is { } wanted)
        {
            idColumn = names.FindIndex(n => n.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            if (idColumn < 0) return (0, null, $"there is no column \"{wanted}\"; the columns are {List(names)}");
            if (names.FindLastIndex(n => n.Equals(wanted, StringComparison.OrdinalIgnoreCase)) is var other and > 0 && other != idColumn)
                return (0, null, $"two columns are named \"{wanted}\" (columns {idColumn + 1} and {other + 1}); name the one with the ids uniquely");
        }
        else if (names[0].Equals("id", StringComparison.OrdinalIgnoreCase)) idColumn = 0;
        else
        {
            var likely = names.FirstOrDefault(n => n.Contains("id", StringComparison.OrdinalIgnoreCase) && !n.Equals(names[0], StringComparison.Ordinal));
            return (0, null, $"the first column is \"{Shorten(names[0])}\", not \"id\"; name the id column with --id-column"
                + (likely is null ? "" : $" {likely}") + " (and the item columns with --item-columns, e.g. Q{n}, if they are not bare numbers)");
        }
        var items = new List<(int, int, string)>();
        var seen = new HashSet<int>();
        for (var col = 0; col < names.Count; col++)
        {
            if (col == idColumn || names[col].Length == 0) continue;   // a column without a name holds nothing meant (Excel's trailing ",,")
            var number = layout.ItemNumber(names[col]);
            if (number is null)
            {
                if (layout.IgnoresOtherColumns) continue;
                return (0, null, $"column \"{Shorten(names[col])}\" is not an item number of {pack.ShortTitle} (1–{pack.Items.Count}); "
                    + "for an export with other columns or named items, use --id-column and --item-columns (e.g. Q{n}), and other columns are ignored");
            }
            if (pack.FindItemByNumber(number.Value) is not { } item)
            {
                if (layout.IgnoresOtherColumns) continue;   // a survey's other questions (Q10… after a 9-item ECR-RS)
                return (0, null, $"column \"{names[col]}\" names item {number}, but {pack.ShortTitle} has items 1–{pack.Items.Count}");
            }
            if (!seen.Add(number.Value))
                return (0, null, $"item {number} has two columns: \"{Shorten(items.First(i => i.Item2 == IndexOf(pack, item)).Item3)}\" and \"{Shorten(names[col])}\"");
            items.Add((col, IndexOf(pack, item), names[col]));
        }
        var missing = pack.Items.Select(i => i.Number).Where(n => !seen.Contains(n)).ToList();
        if (items.Count == 0)
            return (0, null, $"no column is named {(layout.ItemPattern == "{n}" ? "by an item number (1, 2, …)" : $"{layout.ItemPattern.Replace("{n}", "1", StringComparison.Ordinal)}, {layout.ItemPattern.Replace("{n}", "2", StringComparison.Ordinal)}, …")}; "
                + $"the columns are {List(names)}; name the item columns with --item-columns, e.g. Q{{n}} for Q1, Q2, …");
        if (missing.Count > 0)
            return (0, null, $"no column for item(s) {string.Join(", ", missing)} of {pack.ShortTitle}"
                + (layout.ItemPattern == "{n}" ? "" : $" (looked for columns named {layout.ItemPattern.Replace("{n}", "1", StringComparison.Ordinal)}, {layout.ItemPattern.Replace("{n}", "2", StringComparison.Ordinal)}, …)"));
        return (idColumn, [.. items], null);
    }

    static int IndexOf(InstrumentPack pack, Item item)
    {
        for (var i = 0; i < pack.Items.Count; i++) if (ReferenceEquals(pack.Items[i], item)) return i;
        throw new InvalidOperationException($"item {item.Id} is not in {pack.Id}");
    }

    static string List(List<string> names) =>
        string.Join(", ", names.Take(8).Select(n => $"\"{Shorten(n)}\"")) + (names.Count > 8 ? $" and {names.Count - 8} more" : "");
}
