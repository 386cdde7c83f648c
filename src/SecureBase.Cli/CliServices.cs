using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureBase.Data;

namespace SecureBase.Cli;

// The database and Identity as the web app has them, without the web host.
internal static class CliServices
{
    public static ServiceProvider Build(CliSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSecureBaseData(settings.Configuration);
        services.AddSecureBaseIdentityCore();
        return services.BuildServiceProvider();
    }
}
