using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Web.Features;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(InstrumentCatalog catalog, Microsoft.Extensions.Configuration.IConfiguration configuration) : PageModel
{
    public IReadOnlyCollection<InstrumentPack> Instruments { get; } = catalog.All;

    public bool PublicSignUp { get; } = configuration.GetValue("SecureBase:PublicSignUp", true);
}
