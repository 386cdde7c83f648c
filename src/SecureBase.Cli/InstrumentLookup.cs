using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Cli;

internal static class InstrumentLookup
{
    public static InstrumentPack? Find(CliSettings settings, string id, TextWriter stderr)
    {
        try
        {
            if (InstrumentCatalog.LoadOne(id, settings.Configuration["Instruments:Folder"]) is { } one) return one;
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
