namespace SecureBase.Web.Features.Forms;

// When a path exists but not for this method or content type, routing picks an endpoint of its own
// that answers 405 or 415. It carries no metadata, so the fallback "signed in" policy turned it into a
// redirect to sign-in (a text/plain POST to the anonymous scoring API got a 302). Those answers reveal
// nothing, so they are given as they are, to everyone.
public static class RoutingRejections
{
    public static IApplicationBuilder UseRoutingRejections(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is { Metadata.Count: 0, RequestDelegate: { } reject })
            {
                await reject(context);
                return;
            }
            await next(context);
        });
}
