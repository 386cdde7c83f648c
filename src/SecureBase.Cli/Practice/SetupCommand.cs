using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Practices;

namespace SecureBase.Cli.Practice;

// setup --practice NAME --time-zone ZONE --email EMAIL: creates a practice and its owner from the
// terminal (whoever has the terminal runs the server, so no setup code is asked). The password is read
// from standard input, never from the command line (which other users can see in `ps`). Works for the
// first practice and for more. The owner adds an authenticator app at their first sign-in, before anything else.
internal static class SetupCommand
{
    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--help" or "-h"])
        {
            stdout.WriteLine("usage: securebase setup --practice NAME --time-zone ZONE --email EMAIL   (the owner's password is read from standard input)");
            return 0;
        }
        if (Options.Parse(args, new HashSet<string> { "practice", "time-zone", "email" }, stderr) is not { } options) return 2;
        var name = options["practice"]?.Trim();
        var zone = Zones.Canonical(options["time-zone"]);
        var email = options["email"]?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120 || name.Any(char.IsControl))
            return Fail(stderr, "--practice NAME: give the practice's name, 1 to 120 characters without control characters.");
        if (zone is null) return Fail(stderr, "--time-zone ZONE: give an IANA time zone such as Europe/Berlin or America/New_York.");
        if (email is null || email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
            return Fail(stderr, "--email EMAIL: give the owner's email address, like name@example.org.");
        stdout.WriteLine($"Password for {email} (at least 12 characters; not shown as you type), then Enter:");
        var password = ReadSecret(stdin);
        if (string.IsNullOrEmpty(password)) return Fail(stderr, "no password given on standard input.");

        FilePermissions.Secure(settings.Configuration);
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var first = !await PracticeSetup.AnyAsync(db, CancellationToken.None);
        // One practice per person for now: the web app shows an owner one practice.
        var normalized = email.ToUpperInvariant();
        if (await db.PracticeMembers.AnyAsync(m => db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == normalized)))
            return Fail(stderr, $"{email} already belongs to a practice; give another address for the owner of a new one.");
        var (practice, _, errors) = await PracticeSetup.CreateAsync(db, users, new NewPractice(name, zone, email.ToLowerInvariant(), password),
            TimeProvider.System.GetUtcNow(), CancellationToken.None);
        if (practice is null) return Fail(stderr, string.Join(" ", errors));
        if (first) new SetupCodeFile(settings.Configuration).Delete();   // the web page's code is no longer needed
        var site = (settings.Configuration["SecureBase:PublicBaseUrl"] ?? "http://localhost:5000").TrimEnd('/');
        stdout.WriteLine($"Practice \"{practice.Name}\" created, owned by {email}.");
        stdout.WriteLine($"Sign in at {site}/Accounts/SignIn: add an authenticator app there before anything else, if this account has none yet.");
        return 0;
    }

    // From a terminal, read without echo; from a pipe or a file, read a line.
    static string? ReadSecret(TextReader stdin)
    {
        if (!ReferenceEquals(stdin, Console.In) || Console.IsInputRedirected) return stdin.ReadLine();
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (secret.Length > 0) secret.Length--; }
            else if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        Console.WriteLine();
        return secret.ToString();
    }

    static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return 2;
    }
}
