using SecureBase.Data.Instruments;

namespace SecureBase.Data.Tests;

public sealed class InstrumentCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-packs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    const string SmallPack = """
        { "format": 1, "id": "small", "version": "1", "title": "Small", "citation": "Test", "notice": "Test only",
          "scale": { "min": 0, "max": 4 },
          "items": [ { "id": "s.1", "number": 1, "text": "One" } ],
          "subscales": [ { "id": "main", "name": "Main", "better": "lower", "items": ["s.1"], "reversed": [] } ] }
        """;

    void Write(string name, string json)
    {
        Directory.CreateDirectory(Path.Combine(_folder, name));
        File.WriteAllText(Path.Combine(_folder, name, "pack.json"), json);
    }

    [Fact]
    public void TheShippedPacksAreEmbedded()
    {
        var catalog = InstrumentCatalog.Load(null);
        Assert.Equal(["ecr-r", "ecr-rs", "rq"], catalog.All.Select(p => p.Id));
        Assert.Contains("Fraley", InstrumentCatalog.ShippedNotice("ecr-r"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOperatorFolderAddsPacks()
    {
        Write("small", SmallPack);
        var catalog = InstrumentCatalog.Load(_folder);
        Assert.Equal(4, catalog.All.Count);
        Assert.Equal(4, catalog.Find("small")!.Scale.Max);
    }

    [Fact]
    public void AnOperatorPackReplacesAShippedPackOfTheSameId()
    {
        Write("rq", SmallPack.Replace("\"small\"", "\"rq\"", StringComparison.Ordinal));
        Assert.Single(InstrumentCatalog.Load(_folder).Find("rq")!.Items);
    }

    // LoadOne (the batch CLI reads one pack) gives what Load gives: each shipped pack, an operator's replacement,
    // an operator's own pack, nothing for an unknown id, and the same error for a broken operator pack.
    [Fact]
    public void OnePackLoadedAloneIsThePackTheCatalogHolds()
    {
        foreach (var pack in InstrumentCatalog.Load(null).All)
        {
            var one = InstrumentCatalog.LoadOne(pack.Id, null)!;
            Assert.Equal((pack.Id, pack.Version, pack.Items.Count, pack.Subscales.Count), (one.Id, one.Version, one.Items.Count, one.Subscales.Count));
        }
        Assert.Null(InstrumentCatalog.LoadOne("nope", null));
        Write("rq", SmallPack.Replace("\"small\"", "\"rq\"", StringComparison.Ordinal));
        Write("small", SmallPack);
        Assert.Single(InstrumentCatalog.LoadOne("rq", _folder)!.Items);
        Assert.Equal(4, InstrumentCatalog.LoadOne("small", _folder)!.Scale.Max);
        Assert.Equal(36, InstrumentCatalog.LoadOne("ecr-r", _folder)!.Items.Count);
        Write("broken", SmallPack.Replace("\"items\": [\"s.1\"]", "\"items\": []", StringComparison.Ordinal));
        Assert.Contains("subscale main has no items", Assert.Throws<InvalidOperationException>(() => InstrumentCatalog.LoadOne("ecr-r", _folder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenOperatorPackStopsLoadingWithItsNameAndProblem()
    {
        Write("broken", SmallPack.Replace("\"items\": [\"s.1\"]", "\"items\": []", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidOperationException>(() => InstrumentCatalog.Load(_folder));
        Assert.Contains("Instrument pack small", error.Message, StringComparison.Ordinal);
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("subscale main has no items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFolderIsAClearError() =>
        Assert.Contains("does not exist", Assert.Throws<InvalidOperationException>(() => InstrumentCatalog.Load(Path.Combine(_folder, "nope"))).Message, StringComparison.Ordinal);
}
