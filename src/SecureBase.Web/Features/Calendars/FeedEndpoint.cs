using Microsoft.Net.Http.Headers;

namespace SecureBase.Web.Features.Calendars;

// GET/HEAD /calendar/{token}.ics: a private feed for calendar apps. The secret address is the only key (no
// sign-in: calendar apps cannot). An unknown token is a plain 404 that says nothing of feeds or people.
// ETag and Last-Modified let apps poll cheaply: a match is a 304 before any calendar text is written.
public static class FeedEndpoint
{
    public static void MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/calendar/{token}.ics", ["GET", "HEAD"], async (string token, HttpContext http, CalendarFeeds feeds, TimeProvider clock, CancellationToken ct) =>
        {
            var content = await feeds.ContentAsync(token, ct);
            if (content is null) return Results.NotFound();
            var headers = http.Response.GetTypedHeaders();
            headers.ETag = EntityTagHeaderValue.Parse(content.ETag);
            headers.LastModified = content.LastModified;
            http.Response.Headers.CacheControl = "private, no-cache";
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            if (NotModified(http.Request, content, clock.GetUtcNow())) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Text(content.Text(), "text/calendar; charset=utf-8");
        }).AllowAnonymous();   // the secret address is the key

        // Any other address under /calendar (a token without .ics, an extra slash) is the same 404, not a
        // sign-in page whose return address would carry the token.
        app.MapMethods("/calendar/{**rest}", ["GET", "HEAD"], () => Results.NotFound()).AllowAnonymous();
    }

    // RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
    static bool NotModified(HttpRequest request, FeedContent content, DateTimeOffset now)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(content.ETag, StringComparison.Ordinal));
        // A date later than the server's clock is ignored (RFC 9110 13.1.3).
        return headers.IfModifiedSince is { } since && since <= now && content.LastModified <= since;
    }
}
