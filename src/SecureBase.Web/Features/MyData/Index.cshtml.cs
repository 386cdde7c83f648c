using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.MyData;

public sealed class IndexModel(AppDbContext db, PersonalText text, TimeProvider clock, UserManager<AppUser> users, SecureBase.Data.Instruments.InstrumentCatalog catalog) : PageModel
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetJsonAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var export = await MyDataExport.BuildAsync(db, text, user, clock.GetUtcNow(), HttpContext.RequestAborted);
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", "securebase-export.json");
    }

    // Questionnaires, answers and scores as a FHIR R4 Bundle, for another system (issue 12).
    public async Task<IActionResult> OnGetFhirAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var bundle = await SecureBase.Data.Fhir.FhirExport.BuildAsync(db, catalog, user.Id, clock.GetUtcNow(), HttpContext.RequestAborted);
        return File(Encoding.UTF8.GetBytes(SecureBase.Data.Fhir.FhirJson.Write(bundle)), "application/fhir+json", "securebase-fhir.json");
    }

    public async Task<IActionResult> OnGetCsvAsync(string? kind)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (kind is null || !MyDataCsv.Kinds.Contains(kind)) return NotFound();
        var export = await MyDataExport.BuildAsync(db, text, user, clock.GetUtcNow(), HttpContext.RequestAborted);
        // With a byte-order mark, so spreadsheet programs read accented names as UTF-8.
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(MyDataCsv.Write(export, kind)!)], "text/csv; charset=utf-8", $"securebase-{kind}.csv");
    }
}
