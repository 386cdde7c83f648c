using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Forms;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Book;

// A therapist's public page: free slots for the coming weeks in the visitor's zone (chosen; preselected
// from the browser by our own script), each with its zone named; pick one, say who you are, confirm by
// email. An unconfirmed request holds nothing; a honeypot field and a per-address limit keep bots out.
[AllowAnonymous]
[EnableRateLimiting(AccountRateLimit.BookingPolicy)]
public sealed class IndexModel(AppDbContext db, Calendar calendar, RequestDesk requests) : PageModel
{
    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public string PracticeName { get; private set; } = "";
    public BookingProfile Profile { get; private set; } = null!;
    public DateTimeZone VisitorZone { get; private set; } = DateTimeZone.Utc;
    public int Week { get; private set; }
    public int Weeks { get; private set; }
    public IReadOnlyList<Slot> Free { get; private set; } = [];
    public Slot? Chosen { get; private set; }
    public bool Sent { get; private set; }
    public bool ZoneChosen { get; private set; }

    public async Task<IActionResult> OnGetAsync(string practice, string therapist, string? zone, int week = 0, long? slot = null, bool sent = false)
    {
        if (!await LoadAsync(practice, therapist, zone, week)) return NotFound();
        Sent = sent;
        if (slot is { } chosen)
        {
            Chosen = Free.FirstOrDefault(s => s.Start.ToUnixTimeSeconds() == chosen) ?? await FreeAtAsync(chosen);
            if (Chosen is null) ModelState.AddModelError("", (await WhyNotAsync(chosen)).Problem);
            Input.Slot = chosen;
            Input.TimeZone = VisitorZone.Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string practice, string therapist)
    {
        if (!await LoadAsync(practice, therapist, Input.TimeZone, 0)) return NotFound();
        var ct = HttpContext.RequestAborted;
        // A form that filled the field people cannot see came from a bot: it looks sent and nothing happens.
        if (!string.IsNullOrEmpty(Input.Website)) return Redirect(SentAddress(practice, therapist));
        var email = EmailAddresses.Normalize(Input.Email);
        if (Input.Email is not null && email is null) ModelState.AddModelError("Input.Email", "Enter your email address, like name@example.org.");
        Chosen = Input.Slot is { } start ? await FreeAtAsync(start) : null;
        if (Input.Slot is { } wanted && Chosen is null)
        {
            var (problem, taken) = await WhyNotAsync(wanted);
            ModelState.AddModelError("", problem);
            var page = Page();
            page.StatusCode = taken ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return page;
        }
        if (!ModelState.IsValid) return Page();
        await requests.CreateAsync(Profile, Chosen!, Input.Weekly, Input.Name!.Trim(), email!, string.IsNullOrWhiteSpace(Input.Message) ? null : Input.Message.Trim(),
            VisitorZone.Id, PracticeName, ct);
        return Redirect(SentAddress(practice, therapist));
    }

    string SentAddress(string practice, string therapist) =>
        $"/book/{Uri.EscapeDataString(practice)}/{Uri.EscapeDataString(therapist)}?sent=true&zone={Uri.EscapeDataString(VisitorZone.Id)}";

    // Why a time that is not free now cannot be asked for, and whether it is because someone else has it.
    async Task<(string Problem, bool Taken)> WhyNotAsync(long unixSeconds)
    {
        const string choose = " Choose one of the times shown.";
        if (unixSeconds is < 0 or > 32503680000) return ("That is not one of the times offered." + choose, false);
        var start = Instant.FromUnixTimeSeconds(unixSeconds);
        if (start <= calendar.Now) return ("That time has passed." + choose, false);
        if (start < calendar.Now + Duration.FromHours(Profile.NoticeHours))
            return ($"That time is too soon: {Profile.DisplayName} asks for {Profile.NoticeHours} hours' notice." + choose, false);
        var date = start.InZone(Calendar.ZoneOf(Profile)).Date;
        if (date > calendar.HorizonEnd(Profile)) return ($"Bookings are open {Profile.HorizonWeeks} weeks ahead." + choose, false);
        var availability = await calendar.AvailabilityAsync(Profile, HttpContext.RequestAborted);
        var offered = Slots.Free(availability with { MinimumNotice = Duration.Zero }, [], calendar.Now, date, date).Any(s => s.Start == start);
        return offered ? ("Sorry: that time is no longer free. Choose another.", true) : ("That is not one of the times offered." + choose, false);
    }

    // The slot starting at these Unix seconds, when it is free now; null otherwise (outside the hours, past, within the notice, beyond the horizon, taken).
    async Task<Slot?> FreeAtAsync(long unixSeconds)
    {
        if (unixSeconds is < 0 or > 32503680000) return null;   // up to the year 3000
        var start = Instant.FromUnixTimeSeconds(unixSeconds);
        var date = start.InZone(Calendar.ZoneOf(Profile)).Date;
        return (await calendar.FreeAsync(Profile, date, date, HttpContext.RequestAborted)).FirstOrDefault(s => s.Start == start);
    }

    async Task<bool> LoadAsync(string practice, string therapist, string? zone, int week)
    {
        var ct = HttpContext.RequestAborted;
        var found = await (from p in db.Practices
                           join b in db.BookingProfiles on p.Id equals b.PracticeId
                           join m in db.PracticeMembers on new { b.PracticeId, UserId = b.TherapistId } equals new { m.PracticeId, m.UserId }
                           where p.Handle == practice && b.Handle == therapist && b.PublicPage && m.DeactivatedAt == null
                           select new { p.Name, Profile = b }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (found is null) return false;
        (PracticeName, Profile) = (found.Name, found.Profile);
        ZoneChosen = Zones.Canonical(zone) is not null;
        VisitorZone = ZoneChosen ? Zones.Find(zone) : Calendar.ZoneOf(Profile);
        Weeks = Profile.HorizonWeeks + 1;
        Week = Math.Clamp(week, 0, Weeks - 1);
        var from = calendar.Today(Profile).PlusWeeks(Week);
        Free = await calendar.FreeAsync(Profile, from, from.PlusDays(6), ct);
        return true;
    }
}

public sealed class BookingInput
{
    [Required(ErrorMessage = "Choose a time.")]
    public long? Slot { get; set; }

    [Required(ErrorMessage = "Choose your time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }

    public bool Weekly { get; set; }

    [Required(ErrorMessage = "Enter your name."), StringLength(100, ErrorMessage = "Keep your name to 100 characters."), PlainText]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter your email address, like name@example.org."), StringLength(254, ErrorMessage = "Enter your email address, like name@example.org.")]
    public string? Email { get; set; }

    [StringLength(500, ErrorMessage = "Keep the message to 500 characters."), PlainText(allowLineBreaks: true)]
    public string? Message { get; set; }

    // The honeypot: hidden from people, filled in by bots.
    [StringLength(200)]
    public string? Website { get; set; }
}
