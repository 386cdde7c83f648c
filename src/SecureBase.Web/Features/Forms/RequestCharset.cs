namespace SecureBase.Web.Features.Forms;

// Our pages are UTF-8 and so are the forms they post. A body declared in another charset is a 415
// before anything reads it: .NET refuses some charsets outright (UTF-7) and reading such a form
// threw, which ended in a 500 with an empty body.
public static class RequestCharset
{
    static readonly string[] Accepted = ["utf-8", "utf8", "us-ascii"];

    public static IApplicationBuilder UseUtf8RequestsOnly(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var contentType = context.Request.ContentType;
            var reExecuted = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;   // the error page for this very 415
            if (!reExecuted && contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
                && type.Charset.HasValue && !Accepted.Contains(type.Charset.Value.Trim('"'), StringComparer.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }
            await next(context);
        });
}
