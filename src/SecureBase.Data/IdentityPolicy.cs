using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data.Model;

namespace SecureBase.Data;

// Identity hardened past its defaults (shared/reference/security-and-reliability.md §4), the same for
// the web app and the CLI: 12+ characters without composition rules, lockout after 5 failures, and
// PBKDF2-HMAC-SHA512 at 210,000 iterations (ASVS 11.4.2; Identity's default is 100,000).
public static class IdentityPolicy
{
    public const int PasswordIterations = 210_000;

    public static IdentityBuilder AddSecureBaseIdentityCore(this IServiceCollection services)
    {
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);
        return services.AddIdentityCore<AppUser>(Configure).AddEntityFrameworkStores<AppDbContext>().AddPasswordValidator<GuessablePasswords>();
    }

    public static void Configure(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.User.AllowedUserNameCharacters = "";   // the user name is the email, checked by the mailer's own parser (Web EmailAddresses)
        options.SignIn.RequireConfirmedEmail = true;
        options.Password = new PasswordOptions
        {
            RequiredLength = 12, RequireDigit = false, RequireLowercase = false,
            RequireUppercase = false, RequireNonAlphanumeric = false, RequiredUniqueChars = 1,
        };
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    }
}
