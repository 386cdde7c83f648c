using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Web.Features.Accounts;

public static class AccountServices
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    // Identity, hardened past its template defaults (shared/reference/security-and-reliability.md §4).
    public static IServiceCollection AddSecureBaseAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection()
            .SetApplicationName("SecureBase")
            .PersistKeysToFileSystem(new DirectoryInfo(KeyDirectory(configuration)));

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password = new PasswordOptions
                {
                    RequiredLength = 12, RequireDigit = false, RequireLowercase = false,
                    RequireUppercase = false, RequireNonAlphanumeric = false, RequiredUniqueChars = 1,
                };
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);   // PBKDF2-HMAC-SHA512, ASVS 11.4.2
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "__Host-securebase";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;   // __Host- requires Secure; browsers accept it on localhost
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/Accounts/SignIn";
            options.AccessDeniedPath = "/Accounts/SignIn";
            options.Events.OnValidatePrincipal = Sessions.ValidateAsync;   // replaces the 30-minute security-stamp check
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-securebase-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    // The key ring lives outside the database folder (HHS: "a location separate from the data").
    public static string KeyDirectory(IConfiguration configuration)
    {
        var folder = Path.GetFullPath(configuration["SecureBase:KeyDirectory"] ?? "keys");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
