using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Web.Features.About;

// What the measures are and where they come from: the citations and licence notices live here, not on the home page.
[AllowAnonymous]
public sealed class MeasuresModel(InstrumentCatalog catalog) : PageModel
{
    public IReadOnlyCollection<InstrumentPack> Instruments { get; } = catalog.All;
}
