using Microsoft.Extensions.Configuration;
using SecureBase.Data.Instruments;

namespace SecureBase.Cli;

// The same configuration sources as the web app: appsettings.json beside the binary, then
// environment variables (Instruments__Folder=/srv/packs).
internal sealed record CliSettings(IConfiguration Configuration)
{
    public static CliSettings Load() => new(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build());

    public InstrumentCatalog LoadCatalog() => InstrumentCatalog.Load(Configuration["Instruments:Folder"]);
}
