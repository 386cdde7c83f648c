using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace SecureBase.Web.Tests;

// The same app on PostgreSQL by configuration: migrations run at start-up and /health is healthy.
public class PostgresStartupTests
{
    [Fact]
    public async Task TheAppStartsOnPostgresByConfiguration()
    {
        var server = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(server), "SECUREBASE_TEST_POSTGRES is not set; scripts/test sets it.");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"sb_web_{Guid.NewGuid():N}" }.ConnectionString;

        await using (var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:SecureBase", connectionString);
        }))
        {
            var response = await app.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
