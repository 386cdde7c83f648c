namespace SecureBase.Core.Export;

/// <summary>
/// Text for a CSV cell that a spreadsheet will not run as a formula. Source: OWASP, "CSV Injection":
/// a cell that begins with = + - @, a tab or a carriage return is prefixed with a single quote, so
/// Excel, LibreOffice and Google Sheets show it as text. Quoting of separators and quotes inside the
/// cell is the CSV writer's job (Sep with Escape = true).
/// </summary>
public static class SpreadsheetSafe
{
    static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// The cell text, with a leading <c>'</c> when it would start a formula; "" for null. A plain signed
    /// number ("-2.000", "+1") is a number, not a formula, and stays one: prefixed, R, pandas and
    /// spreadsheets read every negative score as text.
    /// </summary>
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Array.IndexOf(FormulaStarts, text[0]) >= 0 && !IsPlainNumber(text) ? "'" + text : text;

    /// <summary>True when the text can go into a cell as it is (<see cref="Cell"/> would return it unchanged): so a
    /// batch writer need not make a string of every id to learn that.</summary>
    public static bool IsSafeAsIs(ReadOnlySpan<char> text) => text.IsEmpty || !FormulaStarts.AsSpan().Contains(text[0]);

    static bool IsPlainNumber(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^[+-][0-9]+(\.[0-9]+)?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
