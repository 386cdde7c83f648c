using SecureBase.Core.Text;

namespace SecureBase.Core.Tests.Text;

public class CountedTests
{
    [Theory]
    [InlineData(0, "minute", null, "0 minutes")]
    [InlineData(1, "minute", null, "1 minute")]
    [InlineData(2, "baseline administration", null, "2 baseline administrations")]
    [InlineData(1, "person", "people", "1 person")]
    [InlineData(3, "person", "people", "3 people")]
    public void ACountAgreesWithItsNoun(int count, string singular, string? plural, string expected) =>
        Assert.Equal(expected, Counted.Of(count, singular, plural));
}
