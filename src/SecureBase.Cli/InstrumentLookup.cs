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
            // "ECR-R" as `instruments` and the questionnaire's own title write it, for the id ecr-r
            if ((catalog.Find(id) ?? catalog.All.FirstOrDefault(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase))) is { } pack) return pack;
            stderr.WriteLine($"error: unknown instrument '{id}'. Known: {string.Join(", ", catalog.All.Select(p => p.Id))}.");
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
        }
        return null;
    }
}
