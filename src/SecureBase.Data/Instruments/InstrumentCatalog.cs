using System.Reflection;
using SecureBase.Core.Instruments;

namespace SecureBase.Data.Instruments;

// The packs this deployment offers: the shipped ones (embedded in this assembly) plus any in the
// operator's folder, which replace a shipped pack of the same id. A broken pack stops start-up with
// a message naming it: a questionnaire silently missing would be worse.
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, InstrumentPack> _packs;

    private InstrumentCatalog(Dictionary<string, InstrumentPack> packs) => _packs = packs;

    public IReadOnlyCollection<InstrumentPack> All => _packs.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public InstrumentPack? Find(string id) => _packs.GetValueOrDefault(id);

    public static InstrumentCatalog Load(string? operatorFolder) => new(Read(EmbeddedPacks().Concat(FolderPacks(operatorFolder))));

    /// <summary>
    /// The one pack with this id as <see cref="Load"/> would give it (an operator's pack replaces a shipped one), or
    /// null when there is none: the batch CLI needs one pack, and reading and checking every shipped pack was a
    /// third of its start-up. Throws InvalidOperationException, as Load does, for a broken pack it reads.
    /// </summary>
    public static InstrumentPack? LoadOne(string id, string? operatorFolder) =>
        Read(EmbeddedPacks(name => name == $"instruments/{id}/pack.json").Concat(FolderPacks(operatorFolder))).GetValueOrDefault(id);

    // Every source read and checked, a later one replacing an earlier pack of the same id; all problems at once.
    static Dictionary<string, InstrumentPack> Read(IEnumerable<(string Source, string Json)> sources)
    {
        var packs = new Dictionary<string, InstrumentPack>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (source, json) in sources)
        {
            var result = InstrumentPackReader.Read(json, source);
            if (result.Pack is { } pack) packs[pack.Id] = pack;
            errors.AddRange(result.Errors);
        }
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        return packs;
    }

    public static string? ShippedNotice(string packId)
    {
        using var stream = typeof(InstrumentCatalog).Assembly.GetManifestResourceStream($"instruments/{packId}/NOTICE.md");
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }

    static IEnumerable<(string Source, string Json)> EmbeddedPacks(Func<string, bool>? wanted = null)
    {
        var assembly = typeof(InstrumentCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith("/pack.json", StringComparison.Ordinal) && (wanted is null || wanted(n))).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            yield return ($"shipped {name}", new StreamReader(stream).ReadToEnd());
        }
    }

    static IEnumerable<(string Source, string Json)> FolderPacks(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) yield break;
        if (!Directory.Exists(folder)) throw new InvalidOperationException($"Instruments:Folder '{folder}' does not exist.");
        foreach (var file in Directory.EnumerateFiles(folder, "pack.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return (file, File.ReadAllText(file));
    }
}
