using SecureBase.Core.Instruments;

namespace SecureBase.Core.Tests.Instruments;

public class InstrumentPackReaderTests
{
    [Theory]
    [InlineData("ecr-r", 36, 2)]
    [InlineData("ecr-rs", 9, 2)]
    [InlineData("rq", 4, 4)]
    public void ShippedPacksLoadWithTheirItemsAndSubscales(string id, int items, int subscales)
    {
        var pack = ShippedPacks.Load(id);
        Assert.Equal(items, pack.Items.Count);
        Assert.Equal(subscales, pack.Subscales.Count);
        Assert.False(string.IsNullOrWhiteSpace(pack.Notice));
    }

    [Fact]
    public void ItemTextsAreExactlyTheReferenceWording()
    {
        Assert.Equal("I'm afraid that I will lose my partner's love.", ShippedPacks.EcrR.FindItemByNumber(1)!.Text);
        Assert.Equal("My partner really understands me and my needs.", ShippedPacks.EcrR.FindItemByNumber(36)!.Text);
        Assert.Equal("I worry that this person won't care about me as much as I care about him or her.", ShippedPacks.EcrRs.FindItemByNumber(9)!.Text);
        Assert.StartsWith("It is easy for me to become emotionally close to others.", ShippedPacks.Rq.FindItem("rq.secure")!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EcrRsOffersTheSixRelationshipTargets() =>
        Assert.Equal(["partner", "mother", "father", "best-friend", "therapist", "other"], ShippedPacks.EcrRs.Targets.Select(t => t.Id));

    [Theory]
    [InlineData("\"id\": \"f.2\", \"number\": 2", "\"id\": \"f.1\", \"number\": 2", "duplicate item id 'f.1'")]
    [InlineData("\"reversed\": [\"f.5\"]", "\"reversed\": [\"f.9\"]", "reverses unknown item 'f.9'")]
    [InlineData("\"items\": [\"f.1\", \"f.2\", \"f.3\", \"f.4\", \"f.5\"]", "\"items\": []", "subscale main has no items")]
    [InlineData("\"number\": 2", "\"number\": 1", "duplicate item number 1")]
    [InlineData("\"better\": \"lower\"", "\"better\": \"down\"", "better must be \"lower\" or \"higher\"")]
    [InlineData("\"min\": 1, \"max\": 7", "\"min\": 7, \"max\": 1", "scale min 7 must be below max 1")]
    [InlineData("\"7\": \"Yes\"", "\"9\": \"Yes\"", "scale anchor '9' is not a point")]
    [InlineData("\"f.4\", \"f.5\"]", "\"f.4\"]", "reverses item 'f.5', which is not one of its items")]
    [InlineData("\"notice\": \"Test only\"", "\"notice\": \"\"", "notice (source and permission status) is missing")]
    [InlineData("\"format\": 1", "\"format\": 2", "format must be 1")]
    [InlineData("\"title\": \"Five\"", "\"title\": \"Five\", \"colour\": \"red\"", "is not valid pack JSON")]
    public void RejectsABrokenPackNamingThePackAndTheProblem(string find, string replace, string expected)
    {
        var json = TestPacks.FiveItemJson.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(TestPacks.FiveItemJson, json);
        var result = InstrumentPackReader.Read(json, "my-pack.json");
        Assert.False(result.IsValid);
        Assert.Null(result.Pack);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal) && e.Contains("my-pack.json", StringComparison.Ordinal));
    }

    [Fact]
    public void AnItemInNoSubscaleIsRejected()
    {
        var json = TestPacks.FiveItemJson.Replace("{ \"id\": \"f.5\", \"number\": 5, \"text\": \"Five\" }",
            "{ \"id\": \"f.5\", \"number\": 5, \"text\": \"Five\" }, { \"id\": \"f.6\", \"number\": 6, \"text\": \"Six\" }", StringComparison.Ordinal);
        Assert.Contains("Instrument pack five (x): item 'f.6' belongs to no subscale", InstrumentPackReader.Read(json, "x").Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    public void RejectsTextThatIsNotAPack(string json) =>
        Assert.NotEmpty(InstrumentPackReader.Read(json, "bad.json").Errors);
}
