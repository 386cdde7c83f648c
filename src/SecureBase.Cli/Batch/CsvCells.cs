using System.Globalization;

namespace SecureBase.Cli.Batch;

// What a batch command does with one cell's text: trim it, read it as an answer, show it in a message.
internal static class CsvCells
{
    // "6", "+6", "6.0", "6,0" (a semicolon file's decimal comma), "06": a whole number, as a spreadsheet may write it.
    // Not "6.5", "6.00000000000000000001" (which a double would read as 6), "6e0", "Infinity" or "NaN".
    public static bool WholeNumber(ReadOnlySpan<char> text, out long number)
    {
        number = 0;
        var at = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var end = at;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        if (end == at) return false;   // no digits
        if (end < text.Length)
        {
            if (text[end] is not ('.' or ',')) return false;
            foreach (var c in text[(end + 1)..]) if (c != '0') return false;
        }
        foreach (var c in text[at..end]) number = Math.Min(number * 10 + (c - '0'), 1_000_000_000);   // past any scale
        if (text[0] == '-') number = -number;
        return true;
    }

    /// <summary>
    /// The cell as Sep's Unescape option reads it: one that begins with a quote loses its two outermost quotes and
    /// every second quote inside (RFC 4180's "" for "), into <paramref name="scratch"/> (grown as needed); any other
    /// cell as it is. Done here rather than by that option because the option looked at each of 7 million cells,
    /// 9% of scoring 200,000 ECR-R rows (issue 11), where only a cell that begins with a quote needs it.
    /// CsvCellsTests checks it against Sep's own unescaping.
    /// </summary>
    public static ReadOnlySpan<char> Unquoted(ReadOnlySpan<char> cell, ref char[] scratch)
    {
        if (cell.IsEmpty || cell[0] != '"') return cell;
        if (scratch.Length < cell.Length) scratch = new char[Math.Max(cell.Length, 2 * scratch.Length)];
        var length = 0;
        var quotes = 1;   // the opening one
        foreach (var c in cell[1..])
        {
            if (c != '"') scratch[length++] = c;
            else if (quotes++ % 2 == 0) scratch[length++] = c;   // the second of a pair is the quote meant
        }
        return scratch.AsSpan(0, length);
    }

    // A cell without the spaces around it, and without quotes that stood after a space (' "4" ', which Unquoted
    // leaves as it is: it unescapes a cell that begins with a quote). Spaces only: a tab or line break in an id is kept
    // (and made safe for spreadsheets when written).
    public static ReadOnlySpan<char> Bare(ReadOnlySpan<char> cell)
    {
        var trimmed = cell.Trim(' ');
        return trimmed.Length < cell.Length && trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim(' ') : trimmed;
    }

    /// <summary>
    /// The id as duplicates are found: without the white space around it (a tab, a no-break space, a line break) and
    /// without invisible characters anywhere in it (a zero-width space, a stray byte order mark; see Invisible), which a
    /// spreadsheet shows no trace of; "a" and "a⇥" are one person. Case counts, and so do accents (two encodings of
    /// "é" are not made one: securebase-score has no Unicode tables). Empty when the id names no one. An ASCII id
    /// with nothing around it is returned as it is; anything else is built in <paramref name="scratch"/>.
    /// </summary>
    public static ReadOnlySpan<char> IdKey(ReadOnlySpan<char> id, ref char[] scratch)
    {
        if (id.Length > 0 && id[0] > ' ' && id[^1] > ' ' && System.Text.Ascii.IsValid(id)) return id;
        if (scratch.Length < id.Length) scratch = new char[Math.Max(id.Length, 2 * scratch.Length)];
        var length = 0;
        foreach (var c in id)
            if (!Invisible(c)) scratch[length++] = c;
        return scratch.AsSpan(0, length).Trim();
    }

    /// <summary>
    /// A character that shows nothing: a control character, a format character (a zero-width space, a byte order
    /// mark, a direction mark), or another of Unicode's default-ignorable code points in the Basic Multilingual Plane
    /// (a combining grapheme joiner, a variation selector, the Hangul fillers), or the blank braille cell.
    /// </summary>
    public static bool Invisible(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u034F' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or (>= '\u180B' and <= '\u180F') or '\u2800' or '\u3164'
            or (>= '\uFE00' and <= '\uFE0F') or '\uFFA0';

    // At most 20 characters of a cell for a message, control characters shown as \u001B: an escape sequence in a
    // file must not reach the terminal, and an invisible one (a second BOM, \uFEFF) must show.
    public static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 20 ? Shown(text) : Shown(text[..20]) + "…";

    /// <summary>The text with each invisible character (see <see cref="Invisible"/>) written as \u001B.</summary>
    public static string Shown(ReadOnlySpan<char> text)
    {
        var shown = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Invisible(c)) shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else shown.Append(c);
        }
        return shown.ToString();
    }

    public static string Shorten(string text) => Shorten(text.AsSpan());
}
