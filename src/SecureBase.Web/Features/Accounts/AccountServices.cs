using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Encryption;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Accounts;

public static class AccountServices
{
    public static readonly TimeSpan IdleTimeout = SecureBase.Core.Sessions.SessionRule.Idle;

    // Identity, hardened past its template defaults (shared/reference/security-and-reliability.md §4).
    public static IServiceCollection AddSecureBaseAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSecureBaseKeyRing(configuration);

        services.AddIdentity<AppUser, IdentityRole>(IdentityPolicy.Configure)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddPasswordValidator<GuessablePasswords>()
            .AddDefaultTokenProviders();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = IdentityPolicy.PasswordIterations);
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
            // Redirects to sign-in are relative: an absolute one would be built from the request's Host header.
            options.Events.OnRedirectToLogin = context => RedirectRelative(context.Response, context.RedirectUri);
            options.Events.OnRedirectToAccessDenied = context => RedirectRelative(context.Response, context.RedirectUri);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);
        // Antiforgery refuses plain-http requests when its cookie must be Secure, which would break
        // `dotnet run` on http://localhost; it is not a session secret, so it follows the request.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "securebase-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SuppressXFrameOptionsHeader = true;   // ours says DENY (SecurityHeaders); its SAMEORIGIN would contradict it
        });
        services.AddAccountRateLimit(configuration);
        services.AddScoped<AccountEmails>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    // The path and query of whatever the handler built, even when its host part is not a valid URI
    // (Host: localhost:99999 or an empty Host); always starts with a single "/".
    static Task RedirectRelative(HttpResponse response, string redirectUri)
    {
        var scheme = redirectUri.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? redirectUri : redirectUri.IndexOf('/', scheme + 3) is var slash and >= 0 ? redirectUri[slash..] : "/";
        response.Redirect("/" + path.TrimStart('/', '\\'));
        return Task.CompletedTask;
    }
}
