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

    // The embedded default: one file in the data folder (see DataPaths). Opened read-write without create:
    // the file is made once, by the migration at start-up (DatabaseMigration); a file that goes missing
    // while the app runs is a fault (503, and back when the file is), never a new empty database that
    // answers "no such table" until a restart.
    public static string DefaultSqliteConnectionString(IConfiguration configuration) =>
        $"Data Source={Path.Combine(DataPaths.DataDirectory(configuration), "securebase.db")};Mode=ReadWrite";
}
