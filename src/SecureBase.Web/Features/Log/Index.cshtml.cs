using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Log;

public sealed class IndexModel(AppDbContext db, PersonalText text, TimeProvider clock, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public ActivationInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public IReadOnlyList<ActivationEntry> Entries { get; private set; } = [];
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;
    public ActivationFormView Form { get; private set; } = null!;

    // Questionnaires a therapist asked for that are due now: one line above the log, one tap away.
    public int DueQuestionnaires { get; private set; }

    // The page as the service worker keeps it for when there is no connection (ADR 0023): the form, without the
    // person's recent moments, the due questionnaires or a "Saved" from an earlier visit.
    public bool Shell { get; private set; }

    // When the kept page was drawn (Unix milliseconds): used offline, hours or days later, to move its "When" on to now.
    public string DrawnAt => clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync() => await LoadAsync(showDetails: false);

    public async Task OnGetShellAsync()
    {
        Shell = true;
        Saved = false;
        await LoadAsync(showDetails: false);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        Zone = await ZoneAsync();
        var now = clock.GetUtcNow();
        var untouched = Input.Untouched(ModelState, now);
        var when = untouched is null ? null : Input.Validate(ModelState, Zone, now, untouched: untouched.Value);
        if (!ModelState.IsValid)
        {
            await LoadAsync(showDetails: true);
            return Page();
        }
        // A moment sent again (the answer to the first sending was lost, or a phone kept it offline and sends it now)
        // is found by the id its device gave it, and saved once (ADR 0023).
        if (Input.ClientId is { } clientId && await ActivationEntries.HasClientIdAsync(db, User.Id(), clientId, ct))
            return RedirectToPage(new { Saved = true });
        var last = await ActivationEntries.LastRelationshipAsync(db, User.Id(), ct);
        try
        {
            await ActivationEntries.SaveAsync(db, text, clock, User.Id(), null, Input, when!.Value, last, ct);
        }
        catch (DbUpdateException) when (Input.ClientId is not null)
        {
            // Two deliveries at once: the other one saved it, unless something else failed.
            if (!await ActivationEntries.HasClientIdAsync(db, User.Id(), Input.ClientId.Value, ct)) throw;
        }
        return RedirectToPage(new { Saved = true });
    }

    async Task LoadAsync(bool showDetails)
    {
        var ct = HttpContext.RequestAborted;
        Zone = await ZoneAsync();
        Entries = Shell ? [] : await db.ActivationEntries.OwnedBy(User.Id()).AsNoTracking().OrderByDescending(e => e.OccurredAt).Take(20).ToListAsync(ct);
        var last = await ActivationEntries.LastRelationshipAsync(db, User.Id(), ct);
        Form = new ActivationFormView(Input, last, Input.When ?? LocalTime.ForInput(clock.GetUtcNow(), Zone), showDetails, Input.WhenShown);
        DueQuestionnaires = (await Clients.MeasureDue.DueNowAsync(db, User.Id(), Zone, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()), ct)).Count;
    }

    Task<NodaTime.DateTimeZone> ZoneAsync() => TimeZones.OfAsync(users, User);
}
