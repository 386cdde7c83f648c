using System.Globalization;

namespace SecureBase.Cli.Batch;

// A score as the batch output writes it: at least three decimals, up to six ("0.000###", invariant), empty for
// no score (NaN). The format string's own path cost about 150 ns a value, a quarter of scoring 200,000 ECR-R rows
// (issue 11), so the common case is written from the value in millionths, rounded half away from zero as the
// format rounds. Whatever could come out differently takes the format string: a negative value; one of 1,000 or
// more (the format first rounds to 15 significant digits, so from there its second rounding can land on a half
// more than 10⁻¹² away, and a score that large is no mean of answers); and one whose millionths lie within 10⁻⁶
// of a half, where rounding the product and the format's rounding might part. ScoreFormatTests compares
// both over every mean a questionnaire can give and a million random values.
internal static class ScoreFormat
{
    public static ReadOnlySpan<char> Decimal(double value, char[] buffer)
    {
        if (double.IsNaN(value)) return [];
        var millionths = value * 1_000_000;
        var rounded = Math.Round(millionths, MidpointRounding.AwayFromZero);
        if (value < 0 || value >= 1000 || Math.Abs(Math.Abs(millionths - rounded) - 0.5) < 1e-6)
            return value.TryFormat(buffer, out var written, "0.000###", CultureInfo.InvariantCulture) ? buffer.AsSpan(0, written) : [];
        var whole = (long)rounded;
        (whole / 1_000_000).TryFormat(buffer, out var at, default, CultureInfo.InvariantCulture);
        buffer[at++] = '.';
        var fraction = whole % 1_000_000;
        for (var unit = 100_000; unit > 0; unit /= 10) buffer[at++] = (char)('0' + fraction / unit % 10);
        var end = at;
        while (end > at - 3 && buffer[end - 1] == '0') end--;   // trailing zeros go, down to three decimals
        return buffer.AsSpan(0, end);
    }
}
