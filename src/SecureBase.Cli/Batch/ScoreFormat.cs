using System.Globalization;

namespace SecureBase.Cli.Batch;

// A score as the batch output writes it: at least three decimals, up to six ("0.000###", invariant), empty for
// no score (NaN). The format string's own path cost about 150 ns a value, a quarter of scoring 200,000 ECR-R rows
// (issue 11), so the common case is written digit by digit from the value in millionths, rounded half away
// from zero as the format rounds. Whatever could come out differently takes the format string: a negative value (and −0);
// one of 1,000 or more (the format first rounds to 15 significant digits, so from there its second rounding can land on a half
// more than 10⁻¹² away, and a score that large is no mean of answers); and one whose millionths lie within 10⁻⁶
// of a half, where rounding the product and the format's rounding might part. ScoreFormatTests compares
// both over every mean a questionnaire can give and a million random values.
internal static class ScoreFormat
{
    public static ReadOnlySpan<char> Decimal(double value, char[] buffer)
    {
        if (double.IsNaN(value)) return [];
        if (!(value >= 0 && value < 1000) || double.IsNegative(value)) return Formatted(value, buffer);   // -0 too
        // Rounded half away from zero by hand: Math.Round called the C library's modf (issue 11). For a value this
        // size the part below a millionth is exact; a half is left to the format string.
        var millionths = value * 1_000_000;
        var below = (long)millionths;
        var rest = millionths - below;
        if (Math.Abs(rest - 0.5) < 1e-6) return Formatted(value, buffer);
        var whole = rest > 0.5 ? below + 1 : below;
        var at = WholeDigits((int)(whole / 1_000_000), buffer);
        buffer[at++] = '.';
        var fraction = (int)(whole % 1_000_000);   // six digits, two at a time: constant divisors, no division instruction
        TwoDigits(fraction / 10_000, buffer, at);
        TwoDigits(fraction / 100 % 100, buffer, at + 2);
        TwoDigits(fraction % 100, buffer, at + 4);
        at += 6;
        var end = at;
        while (end > at - 3 && buffer[end - 1] == '0') end--;   // trailing zeros go, down to three decimals
        return buffer.AsSpan(0, end);
    }

    /// <summary>"17/18": items answered of a subscale's.</summary>
    public static ReadOnlySpan<char> Answered(int answered, int count, char[] buffer)
    {
        var at = WholeDigits(answered, buffer);
        buffer[at++] = '/';
        return buffer.AsSpan(0, WholeDigits(count, buffer, at));
    }

    static ReadOnlySpan<char> Formatted(double value, char[] buffer) =>
        value.TryFormat(buffer, out var written, "0.000###", CultureInfo.InvariantCulture) ? buffer.AsSpan(0, written) : [];

    static void TwoDigits(int number, char[] buffer, int at) =>
        (buffer[at], buffer[at + 1]) = ((char)('0' + number / 10), (char)('0' + number % 10));

    // A number of 0 or more written at `at`; where its digits end.
    static int WholeDigits(int number, char[] buffer, int at = 0)
    {
        if (number >= 10_000) return number.TryFormat(buffer.AsSpan(at), out var written, default, CultureInfo.InvariantCulture) ? at + written : at;
        if (number >= 1000) buffer[at++] = (char)('0' + number / 1000 % 10);
        if (number >= 100) buffer[at++] = (char)('0' + number / 100 % 10);
        if (number >= 10) buffer[at++] = (char)('0' + number / 10 % 10);
        buffer[at++] = (char)('0' + number % 10);
        return at;
    }
}
