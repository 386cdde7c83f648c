using SecureBase.Web.Features.Progress;

namespace SecureBase.Web.Tests;

// A fresh tester read "+0.00 moments a week" beside an interval that did not include zero: a small slope printed
// to two decimals looks like none. Every figure keeps two significant digits, up to four decimals.
public sealed class ChangeWordsTests
{
    [Theory]
    [InlineData(0.0, "0.00", "0.00")]
    [InlineData(1.2345, "+1.23", "1.23")]
    [InlineData(0.25, "+0.25", "0.25")]
    [InlineData(0.0312, "+0.031", "0.031")]
    [InlineData(-0.0031, "−0.0031", "−0.0031")]
    [InlineData(0.00004, "0.0000", "0.0000")]   // rounds to nothing: no sign
    [InlineData(-12.5, "−12.50", "−12.50")]
    public void SmallFiguresKeepTheirDigits(double value, string slope, string bound)
    {
        Assert.Equal(slope, ChangeWords.Slope(value));
        Assert.Equal(bound, ChangeWords.Bound(value));
    }

    [Fact]
    public void NoFigureIsADash() => Assert.Equal("—", ChangeWords.Slope(null));
}
