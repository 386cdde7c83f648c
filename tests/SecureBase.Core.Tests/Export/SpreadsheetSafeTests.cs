using SecureBase.Core.Export;

namespace SecureBase.Core.Tests.Export;

public class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1", "+1")]
    [InlineData("-1", "-1")]
    [InlineData("-2.000", "-2.000")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("-1.", "'-1.")]
    [InlineData("-0x10", "'-0x10")]
    [InlineData("+1 ", "'+1 ")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("a=1", "a=1")]
    [InlineData(" =1", " =1")]
    [InlineData("2026-01-05", "2026-01-05")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ACellThatWouldStartAFormulaBecomesText(string? text, string expected) => Assert.Equal(expected, SpreadsheetSafe.Cell(text));
}
