namespace SecureBase.Web.Features.Security;

public static class SecurityHeaders
{
    // No request may leave our origin (no CDNs, fonts or analytics), and no inline script runs.
    const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";   // the same as frame-ancestors 'none', for browsers that predate CSP
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });

    // Pages with clinical data must not be kept by the browser or any cache.
    public static IApplicationBuilder UseNoStoreForSignedInUsers(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/Accounts"))
                    context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(context);
        });

    // Pages get a friendly error page; the JSON API keeps its problem details.
    public static IApplicationBuilder UseStatusCodePagesForPagesAndApis(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"),
                api => api.UseStatusCodePages())
            .UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
                pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
}
