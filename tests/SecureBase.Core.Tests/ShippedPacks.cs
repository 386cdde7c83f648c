using SecureBase.Core.Instruments;

namespace SecureBase.Core.Tests;

// The real pack files from instruments/, copied next to the test binaries.
internal static class ShippedPacks
{
    public static InstrumentPack Load(string id)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "instruments", id, "pack.json");
        var result = InstrumentPackReader.Read(File.ReadAllText(path), path);
        Assert.Empty(result.Errors);
        return result.Pack!;
    }

    public static InstrumentPack EcrR { get; } = Load("ecr-r");
    public static InstrumentPack EcrRs { get; } = Load("ecr-rs");
    public static InstrumentPack Rq { get; } = Load("rq");

    // Answers by published item number, as a clinician would read them off a paper form.
    public static AnswerSheet ByNumber(InstrumentPack pack, params (int Number, int Value)[] answers) =>
        new(pack.Id, answers.ToDictionary(a => pack.FindItemByNumber(a.Number)!.Id, a => a.Value));

    public static AnswerSheet All(InstrumentPack pack, int value, params int[] missingNumbers) =>
        ByNumber(pack, pack.Items.Where(i => !missingNumbers.Contains(i.Number)).Select(i => (i.Number, value)).ToArray());
}
