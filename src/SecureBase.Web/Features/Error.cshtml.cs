using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Web.Features;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";
    public int? Code { get; private set; }
    public string Title => Code switch
    {
        404 => "Page not found",
        400 => "That request could not be understood",
        415 => "That request was sent in a form this page does not accept",
        405 => "That action is not available here",
        429 => "Too many attempts: wait a minute, then try again",
        503 => "SecureBase cannot save or read anything just now",
        _ => "Something went wrong",
    };

    public void OnGet([FromQuery] int? code)
    {
        (RequestId, Code) = (Activity.Current?.Id ?? HttpContext.TraceIdentifier, code);
        // Re-executed for an unhandled exception: the handler chose the status (503 when the database is unavailable).
        if (code is null && Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            Code = 503;
            Response.Headers.RetryAfter = "30";
        }
    }

    // Re-executed for a failed POST with that POST's body. No parameters, so no value provider reads
    // that body again (a body in a refused charset would throw): the code comes from the query.
    public void OnPost() => OnGet(int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);
}
