using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Web.Features.Accounts;

[SecureBase.Web.Features.Authorization.AllowBeforeSecondFactor]
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await Sessions.SignOutAsync(HttpContext);
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return Redirect("/");
    }
}
