using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Web.Features;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(InstrumentCatalog catalog, Microsoft.Extensions.Configuration.IConfiguration configuration,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, TimeProvider clock) : PageModel
{
    // Only the browser that has just deleted an account is told so (MyData.DeletionReceipt).
    public bool JustDeleted { get; private set; }

    public void OnGet(string? deleted) =>
        JustDeleted = User.Identity?.IsAuthenticated != true && MyData.DeletionReceipt.IsValid(protection, deleted, clock.GetUtcNow());

    public IReadOnlyCollection<InstrumentPack> Instruments { get; } = catalog.All;

    public bool PublicSignUp { get; } = configuration.GetValue("SecureBase:PublicSignUp", true);
}
