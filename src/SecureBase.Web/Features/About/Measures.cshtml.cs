using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Web.Features.About;

[AllowAnonymous]
public sealed class MeasuresModel : PageModel;
