using System.Globalization;
using SecureBase.Cli.Batch;

namespace SecureBase.Cli.Tests;

// The batch output's fast score format writes exactly what the format string "0.000###" writes.
public class ScoreFormatTests
{
    static string Slow(double value) => double.IsNaN(value) ? "" : value.ToString("0.000###", CultureInfo.InvariantCulture);

    static string Fast(double value) => ScoreFormat.Decimal(value, new char[64]).ToString();

    public static TheoryData<double, string> Table => new()
    {
        { 4.0, "4.000" }, { 4.222222222222222, "4.222222" }, { 3.9444444444444446, "3.944444" }, { 1.5, "1.500" }, { 7.0, "7.000" },
        { 0.03125, "0.03125" }, { 0.0000005, "0.000001" }, { 0.0000004, "0.000" }, { 2.0000005, "2.000001" }, { 12345678.5, "12345678.500" },
        { -1.25, "-1.250" }, { -0.0000004, "-0.000" }, { 123456789.123, "123456789.123" }, { double.NaN, "" },
        { 0.0, "0.000" }, { -0.0, "-0.000" }, { 999.9999996, "1000.000" }, { 999.9999994, "999.999999" }, { 10.0000015, "10.000002" },
        { 0.1234565, "0.123457" }, { 99.25, "99.250" }, { double.PositiveInfinity, "Infinity" },
    };

    [Theory]
    [InlineData(17, 18, "17/18")]
    [InlineData(0, 9, "0/9")]
    [InlineData(1234, 10_000, "1234/10000")]
    [InlineData(123_456, 1_000_000, "123456/1000000")]
    public void AnsweredIsBothCountsWithASlash(int answered, int count, string expected) =>
        Assert.Equal(expected, ScoreFormat.Answered(answered, count, new char[64]).ToString());

    [Theory, MemberData(nameof(Table))]
    public void WritesWhatTheFormatStringWrites(double value, string expected)
    {
        Assert.Equal(Slow(value), expected);   // the table itself is the format string's answer
        Assert.Equal(expected, Fast(value));
    }

    [Fact]
    public void EveryMeanOfAnswersAndAMillionRandomValuesComeOutTheSame()
    {
        var random = new Random(11);
        var values = new List<double>();
        // Means of 1 to 36 answers on scales up to 1–10, and differences of two such means (a change score).
        for (var count = 1; count <= 36; count++)
            for (var sum = 0; sum <= 10 * count; sum++)
            {
                values.Add((double)sum / count);
                values.Add(8 - (double)sum / count);
            }
        for (var i = 0; i < 1_000_000; i++)
            values.Add(random.Next(4) switch { 0 => random.NextDouble() * 10, 1 => Math.Round(random.NextDouble() * 10, 7), 2 => random.NextDouble() * 1e9, _ => random.NextDouble() - 0.5 });
        var differ = values.Where(v => Slow(v) != Fast(v)).Take(5).ToList();
        Assert.True(differ.Count == 0, string.Join("; ", differ.Select(v => $"{v:R}: {Slow(v)} vs {Fast(v)}")));
    }
}
