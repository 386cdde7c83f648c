using SecureBase.Core.Instruments;

namespace SecureBase.Core.Tests;

internal static class TestPacks
{
    public const string FiveItemJson = """
        {
          "format": 1, "id": "five", "version": "1", "title": "Five", "citation": "Test", "notice": "Test only",
          "scale": { "min": 1, "max": 7, "anchors": { "1": "No", "7": "Yes" } },
          "items": [
            { "id": "f.1", "number": 1, "text": "One" }, { "id": "f.2", "number": 2, "text": "Two" },
            { "id": "f.3", "number": 3, "text": "Three" }, { "id": "f.4", "number": 4, "text": "Four" },
            { "id": "f.5", "number": 5, "text": "Five" }
          ],
          "subscales": [ { "id": "main", "name": "Main", "better": "lower", "items": ["f.1", "f.2", "f.3", "f.4", "f.5"], "reversed": ["f.5"] } ]
        }
        """;

    public static InstrumentPack FiveItemPack() => InstrumentPackReader.Read(FiveItemJson, "test").Pack!;
}
