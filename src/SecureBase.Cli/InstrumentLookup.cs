using SecureBase.Core.Instruments;

namespace SecureBase.Cli;

internal static class InstrumentLookup
{
    public static InstrumentPack? Find(CliSettings settings, string id, TextWriter stderr)
    {
        try
        {
            var catalog = settings.LoadCatalog();
            if (catalog.Find(id) is { } pack) return pack;
            stderr.WriteLine($"error: unknown instrument '{id}'. Known: {string.Join(", ", catalog.All.Select(p => p.Id))}.");
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
        }
        return null;
    }
}
