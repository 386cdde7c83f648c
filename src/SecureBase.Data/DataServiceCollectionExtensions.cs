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
        string ConnectionString() => configuration.GetConnectionString("SecureBase") ?? DefaultSqliteConnectionString(configuration);

        services.AddSingleton(_ => InstrumentCatalog.Load(configuration["Instruments:Folder"]));
        return provider switch
        {
            "Sqlite" => services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(ConnectionString()).AddInterceptors(new SqliteDurability())),
            "Postgres" => services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(ConnectionString())),
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or Postgres."),
        };
    }

    // The embedded default: one file in the data folder (see DataPaths).
    public static string DefaultSqliteConnectionString(IConfiguration configuration) =>
        $"Data Source={Path.Combine(DataPaths.DataDirectory(configuration), "securebase.db")}";
}
