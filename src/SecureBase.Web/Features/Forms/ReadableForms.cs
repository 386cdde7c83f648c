namespace SecureBase.Web.Features.Forms;

// Our pages are UTF-8 and so are the forms they post. A body declared in another charset is a 415
// before anything reads it: .NET refuses some charsets outright (UTF-7) and reading such a form
// threw, which ended in a 500 with an empty body. A form is then read here, once (later readers get
// it from the request's cache): one that cannot be read (a multipart part in UTF-7, a broken
// boundary) is a 400 here, not an exception inside antiforgery or model binding.
public static class ReadableForms
{
    static readonly string[] Accepted = ["utf-8", "utf8", "us-ascii"];

    public static IApplicationBuilder UseReadableFormsOnly(this IApplicationBuilder app) =>
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
            if (!reExecuted && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is NotSupportedException or InvalidDataException or IOException or System.Text.DecoderFallbackException or ArgumentException or FormatException)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
                catch (BadHttpRequestException e)   // a body over the server's limits: 413 and the like
                {
                    context.Response.StatusCode = e.StatusCode;
                    return;
                }
            }
            await next(context);
        });
}
