using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;

namespace SecureBase.Cli.Demo;

// demo [--years N] [--count N]: creates demo clients (default one) with N years (default 1) of data each in this
// installation's database and prints each sign-in once. The passwords are random and are not stored anywhere else.
internal static class DemoCommand
{
    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--help" or "-h"])
        {
            stdout.WriteLine("usage: securebase demo [--years N] [--count N]  |  securebase demo --practice [--clients N] [--years N]");
            return 0;
        }
        if (args.Count > 0 && args[0] == "--practice") return await DemoPractice.RunAsync(settings, args.Skip(1).ToList(), stdout, stderr);
        if (Options.Parse(args, new HashSet<string> { "years", "count" }, stderr) is not { } options) return 2;
        var count = 1;
        if (options["count"] is { } many && (!int.TryParse(many, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > 1000))
        {
            stderr.WriteLine("error: --count must be a whole number from 1 to 1000.");
            return 2;
        }
        var years = 1;
        if (options["years"] is { } text && (!int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out years) || years is < 1 or > 10))
        {
            stderr.WriteLine("error: --years must be a whole number from 1 to 10.");
            return 2;
        }
        FilePermissions.Secure(settings.Configuration);   // the data folder is the web app's too: 0700, files 0600
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        var clock = services.GetRequiredService<TimeProvider>();
        var ecrR = services.GetRequiredService<InstrumentCatalog>().Find("ecr-r")!;

        for (var i = 0; i < count; i++)
            if (await CreateOneAsync(services, ecrR, clock.GetUtcNow(), years, stdout, stderr) is var code and not 0) return code;
        return 0;
    }

    static async Task<int> CreateOneAsync(ServiceProvider services, SecureBase.Core.Instruments.InstrumentPack ecrR, DateTimeOffset now, int years, TextWriter stdout, TextWriter stderr)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var email = $"demo-{RandomNumberGenerator.GetHexString(6, lowercase: true)}@example.org";
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20);
        var weeks = 52 * years;
        var user = new AppUser { UserName = email, Email = email, TimeZoneId = "America/New_York", EmailConfirmed = true, CreatedAt = now.AddDays(-7 * weeks) };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            stderr.WriteLine($"error: could not create the demo user: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            return 2;
        }

        var random = new Random();
        var start = now.AddDays(-7 * weeks);
        db.Administrations.AddRange(DemoClient.Questionnaires(ecrR, user.Id, start, weeks, random));
        db.ActivationEntries.AddRange(DemoClient.Moments(user.Id, start, weeks, random));
        db.ExpectationEntries.AddRange(DemoClient.Expectations(user.Id, start, weeks, random));
        await db.SaveChangesAsync();

        stdout.WriteLine($"Demo client created with {weeks} weeks of data. Sign in once with:");
        stdout.WriteLine($"  email:    {email}");
        stdout.WriteLine($"  password: {password}");
        stdout.WriteLine("The password is shown only now.");
        return 0;
    }
}
