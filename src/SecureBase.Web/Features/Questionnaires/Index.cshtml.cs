using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Questionnaires;

public sealed class IndexModel(AppDbContext db, InstrumentCatalog catalog, TimeProvider clock, PersonalText text, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyCollection<InstrumentPack> Instruments => catalog.All;
    public IReadOnlyList<Administration> InProgress { get; private set; } = [];
    public IReadOnlyList<Administration> Completed { get; private set; } = [];
    public string? Error { get; private set; }
    public IReadOnlyList<Clients.ScheduledMeasure> Due { get; private set; } = [];
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    public InstrumentPack? Pack(string id) => catalog.Find(id);

    [BindProperty(SupportsGet = true)]
    public bool Discarded { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostStartAsync(string? instrument, string? target, string? targetName)
    {
        if (targetName?.Length > 60) return await ShowErrorAsync("Keep the name under 60 characters.");
        if (instrument is null || catalog.Find(instrument) is not { } pack)
            return await ShowErrorAsync("Choose a questionnaire from the list.");
        if (pack.Targets.Count > 0 && !pack.Targets.Any(t => t.Id == target))
            return await ShowErrorAsync($"Choose whom the {pack.ShortTitle} is about.");
        var label = target == "other" ? await text.EncryptAsync(User.Id(), targetName?.Trim(), HttpContext.RequestAborted) : null;
        var administration = await Administrations.StartAsync(db, clock, User.Id(), pack, pack.Targets.Count > 0 ? target : null, label, HttpContext.RequestAborted);
        return Redirect($"/Questionnaires/Take/{administration.Id}");
    }

    async Task<IActionResult> ShowErrorAsync(string message)
    {
        Error = message;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task LoadAsync()
    {
        Zone = await TimeZones.OfAsync(users, User);
        var mine = await db.Administrations.OwnedBy(User.Id()).Include(a => a.Responses).AsNoTracking().ToListAsync(HttpContext.RequestAborted);
        InProgress = mine.Where(a => a.CompletedAt is null).OrderByDescending(a => a.StartedAt).ToList();
        Completed = mine.Where(a => a.CompletedAt is not null).OrderByDescending(a => a.CompletedAt).ToList();
        // What a therapist asked for and is due now (already started ones are under "Carry on").
        Due = (await Clients.MeasureDue.DueNowAsync(db, User.Id(), Zone, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()), HttpContext.RequestAborted))
            .Where(m => !InProgress.Any(a => a.InstrumentId == m.Row.InstrumentId && a.TargetId == m.Row.TargetId)).ToList();
    }
}
