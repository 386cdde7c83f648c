using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data.Instruments;
using SecureBase.Data.Postgres;
using SecureBase.Data.Sqlite;

namespace SecureBase.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddSecureBaseData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("SecureBase") ?? DefaultSqliteConnectionString(configuration);

        services.AddSingleton(_ => InstrumentCatalog.Load(configuration["Instruments:Folder"]));
        return provider switch
        {
            "Sqlite" => services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteDurability())),
            "Postgres" => services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString)),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or Postgres."),
        };
    }

    // The embedded default: one file in a data folder (SecureBase:DataDirectory, default ./data).
    public static string DefaultSqliteConnectionString(IConfiguration configuration)
    {
        var folder = Path.GetFullPath(configuration["SecureBase:DataDirectory"] ?? "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "securebase.db")}";
    }
}
