using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;

namespace SecureBase.Cli.Demo;

// demo: creates one demo client with a year of data in this installation's database and prints its
// sign-in once. The password is random and is not stored anywhere else.
internal static class DemoCommand
{
    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count > 0)
        {
            stderr.WriteLine("error: 'demo' takes no options.");
            return 2;
        }
        await using var services = Services(settings);
        await services.MigrateDatabaseAsync();
        var clock = services.GetRequiredService<TimeProvider>();
        var ecrR = services.GetRequiredService<InstrumentCatalog>().Find("ecr-r")!;

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var email = $"demo-{RandomNumberGenerator.GetHexString(6, lowercase: true)}@example.org";
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20);
        var user = new AppUser { UserName = email, Email = email, TimeZoneId = "America/New_York", CreatedAt = now.AddDays(-7 * DemoClient.Weeks) };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            stderr.WriteLine($"error: could not create the demo user: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            return 2;
        }

        var random = new Random();
        var start = now.AddDays(-7 * DemoClient.Weeks);
        db.Administrations.AddRange(DemoClient.Questionnaires(ecrR, user.Id, start, random));
        db.ActivationEntries.AddRange(DemoClient.Moments(user.Id, start, random));
        await db.SaveChangesAsync();

        stdout.WriteLine("Demo client created with twelve months of data. Sign in once with:");
        stdout.WriteLine($"  email:    {email}");
        stdout.WriteLine($"  password: {password}");
        stdout.WriteLine("The password is shown only now.");
        return 0;
    }

    static ServiceProvider Services(CliSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSecureBaseData(settings.Configuration);
        services.AddSecureBaseIdentityCore();
        return services.BuildServiceProvider();
    }
}
