using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace SecureBase.Web.Features.Security;

// Every absolute URL SecureBase makes (links in email now, calendar feeds and booking links later)
// comes from one configured public base URL, never from the request's Host header, which anyone can
// forge. Host filtering accepts only that host (and loopback), and X-Forwarded-For/-Proto are
// honoured only from the proxies named in SecureBase:TrustedProxies, so behind the TLS proxy the
// README recommends the app sees https (HSTS, Secure cookies) and each client's own address (rate limits).
public sealed class PublicUrls(Uri baseUrl)
{
    public Uri Base { get; } = baseUrl;

    // An absolute URL for a path such as "/Accounts/ResetPassword?user=…".
    public string To(string pathAndQuery) => new Uri(Base, pathAndQuery.TrimStart('/')).ToString();

    public static Uri Parse(string? configured)
    {
        var text = string.IsNullOrWhiteSpace(configured) ? "http://localhost:5000/" : configured.Trim();
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new InvalidOperationException($"SecureBase:PublicBaseUrl must be an absolute http(s) URL such as https://therapy.example.org, not '{configured}'.");
        return uri;
    }
}

public static class PublicOrigin
{
    static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddPublicOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        var baseUrl = PublicUrls.Parse(configuration["SecureBase:PublicBaseUrl"]);
        services.AddSingleton(new PublicUrls(baseUrl));

        // An operator's own AllowedHosts wins; otherwise only the public host and loopback.
        if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = [baseUrl.IdnHost, .. Loopback]);

        var proxies = TrustedProxies(configuration["SecureBase:TrustedProxies"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();            // the defaults trust loopback; we trust only what is configured
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
        return services;
    }

    // Forwarded headers are read only when proxies are configured, and then only from them.
    public static IApplicationBuilder UsePublicOrigin(this IApplicationBuilder app, IConfiguration configuration) =>
        TrustedProxies(configuration["SecureBase:TrustedProxies"]).Count == 0 ? app : app.UseForwardedHeaders();

    static List<IPAddress> TrustedProxies(string? configured) =>
        (configured ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => IPAddress.TryParse(p, out var address) ? address
                : throw new InvalidOperationException($"SecureBase:TrustedProxies: '{p}' is not an IP address."))
            .ToList();
}
