using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Book;

// The emailed link. Opening it shows a button (mail scanners that follow links confirm nothing);
// pressing it holds the slot, or says plainly that the time was just taken.
[AllowAnonymous]
public sealed class ConfirmModel(RequestDesk requests) : PageModel
{
    public BookingRequest? Found { get; private set; }
    public ConfirmOutcome? Outcome { get; private set; }
    public string When { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Outcome = await requests.ConfirmAsync(Found!.Id, HttpContext.RequestAborted);
        var page = Page();
        if (Outcome == ConfirmOutcome.Taken) page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    async Task<bool> LoadAsync()
    {
        Found = await requests.FindAsync(Token, HttpContext.RequestAborted);
        if (Found is null) return false;
        When = Show.When(Instant.FromDateTimeOffset(Found.Start), Core.Time.Zones.Find(Found.VisitorTimeZoneId));
        return true;
    }
}
