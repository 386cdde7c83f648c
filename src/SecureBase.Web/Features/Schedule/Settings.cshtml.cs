using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Schedule;

// The therapist's bookable time and public page: zone, session length, buffer, notice, horizon, how long
// a confirmed request holds its slot, one window per weekday, and days off.
public sealed class SettingsModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers, TimeProvider clock)
    : SchedulePageModel(db, authorization, viewers)
{
    public static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public IReadOnlyList<DateOnly> DaysOff { get; private set; } = [];
    public string? PublicAddress { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new SettingsInput
        {
            DisplayName = Profile.DisplayName, Handle = Profile.Handle, PublicPage = Profile.PublicPage, TimeZone = Profile.TimeZoneId,
            SessionMinutes = Profile.SessionMinutes, BufferMinutes = Profile.BufferMinutes, NoticeHours = Profile.NoticeHours,
            HorizonWeeks = Profile.HorizonWeeks, HoldHours = Profile.HoldHours,
        };
        var weekly = await Db.WorkingHours.AsNoTracking().Where(h => h.PracticeId == Profile.PracticeId && h.TherapistId == Profile.TherapistId && h.Day != null).ToListAsync(HttpContext.RequestAborted);
        Input.Days = Enumerable.Range(1, 7).Select(d => weekly.FirstOrDefault(h => h.Day == d) is { } h
            ? new DayHours { Open = true, From = h.From, To = h.To }
            : new DayHours { From = new TimeOnly(9, 0), To = new TimeOnly(17, 0) }).ToList();
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var ct = HttpContext.RequestAborted;
        if (Input.Days.Count != 7) ModelState.AddModelError("Input.Days", "Send hours for each of the seven weekdays.");
        for (var i = 0; i < Input.Days.Count && i < 7; i++)
        {
            var day = Input.Days[i];
            if (day.Open && (day.From is null || day.To is null || day.From >= day.To))
                ModelState.AddModelError($"Input.Days[{i}].To", $"{DayNames[i]}: the end must come after the start.");
        }
        if (Input.SessionMinutes % 5 != 0) ModelState.AddModelError("Input.SessionMinutes", "Use whole 5-minute steps for the session length.");
        if (Input.BufferMinutes % 5 != 0) ModelState.AddModelError("Input.BufferMinutes", "Use whole 5-minute steps for the buffer.");
        for (var i = 0; i < Input.Days.Count && i < 7; i++)
            if (Input.Days[i].Open && (Input.Days[i].From?.Minute % 5 != 0 || Input.Days[i].To?.Minute % 5 != 0 || Input.Days[i].From?.Second != 0 || Input.Days[i].To?.Second != 0))
                ModelState.AddModelError($"Input.Days[{i}].From", $"{DayNames[i]}: use times on 5-minute steps, like 09:00 or 13:35.");
        var handle = Input.Handle?.Trim();
        if (!PageHandles.IsValid(handle)) ModelState.AddModelError("Input.Handle", "Use 2 to 40 lower-case letters, digits and single hyphens, like jo-smith.");
        else if (await Db.BookingProfiles.AnyAsync(p => p.PracticeId == Profile.PracticeId && p.Handle == handle && p.TherapistId != Profile.TherapistId, ct))
            ModelState.AddModelError("Input.Handle", "A colleague already uses this address.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Input.AddDayOff is { } off && (off < today.AddDays(-1) || off > today.AddYears(2)))
            ModelState.AddModelError("Input.AddDayOff", "Choose a day off from today up to two years ahead.");
        if (!ModelState.IsValid) return Page();

        Profile.DisplayName = Input.DisplayName!.Trim();
        Profile.Handle = handle!;
        Profile.PublicPage = Input.PublicPage;
        Profile.TimeZoneId = Zones.Canonical(Input.TimeZone)!;
        Profile.SessionMinutes = Input.SessionMinutes;
        Profile.BufferMinutes = Input.BufferMinutes;
        Profile.NoticeHours = Input.NoticeHours;
        Profile.HorizonWeeks = Input.HorizonWeeks;
        Profile.HoldHours = Input.HoldHours;
        Practice.Handle ??= await FreePracticeHandleAsync(ct);
        await Db.WorkingHours.Where(h => h.PracticeId == Profile.PracticeId && h.TherapistId == Profile.TherapistId && h.Day != null).ExecuteDeleteAsync(ct);
        for (var i = 0; i < 7; i++)
            if (Input.Days[i].Open)
                Db.WorkingHours.Add(new WorkingHours { Id = Guid.NewGuid(), PracticeId = Profile.PracticeId, TherapistId = Profile.TherapistId, Day = i + 1, From = Input.Days[i].From, To = Input.Days[i].To });
        if (Input.AddDayOff is { } dayOff && !await Db.WorkingHours.AnyAsync(h => h.TherapistId == Profile.TherapistId && h.PracticeId == Profile.PracticeId && h.Date == dayOff, ct))
            Db.WorkingHours.Add(new WorkingHours { Id = Guid.NewGuid(), PracticeId = Profile.PracticeId, TherapistId = Profile.TherapistId, Date = dayOff });
        var remove = Input.RemoveDaysOff ?? [];
        await Db.WorkingHours.Where(h => h.PracticeId == Profile.PracticeId && h.TherapistId == Profile.TherapistId && h.Date != null && remove.Contains(h.Date.Value)).ExecuteDeleteAsync(ct);
        await Db.SaveChangesAsync(ct);
        return Redirect("/Schedule/Settings?saved=true");
    }

    async Task<bool> LoadAsync()
    {
        if (!await LoadProfileAsync()) return false;
        DaysOff = await Db.WorkingHours.AsNoTracking().Where(h => h.PracticeId == Profile.PracticeId && h.TherapistId == Profile.TherapistId && h.Date != null)
            .OrderBy(h => h.Date).Select(h => h.Date!.Value).ToListAsync(HttpContext.RequestAborted);
        PublicAddress = Practice.Handle is null ? null : $"/book/{Practice.Handle}/{Profile.Handle}";
        return true;
    }

    async Task<string> FreePracticeHandleAsync(CancellationToken ct)
    {
        var wanted = PageHandles.From(Practice.Name);
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? wanted : $"{wanted}-{n}";
            if (!await Db.Practices.AnyAsync(p => p.Handle == candidate, ct)) return candidate;
        }
    }
}

public sealed class SettingsInput
{
    [Required(ErrorMessage = "Enter the name visitors see."), StringLength(80, ErrorMessage = "Keep the name to 80 characters.")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose the address of your booking page."), StringLength(40, ErrorMessage = "Keep the address to 40 characters.")]
    public string? Handle { get; set; }

    public bool PublicPage { get; set; }

    [Required(ErrorMessage = "Choose your time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }

    [Range(15, 240, ErrorMessage = "A session lasts 15 to 240 minutes.")]
    public int SessionMinutes { get; set; } = 50;

    [Range(0, 120, ErrorMessage = "The buffer is 0 to 120 minutes.")]
    public int BufferMinutes { get; set; } = 10;

    [Range(0, 720, ErrorMessage = "The notice is 0 to 720 hours.")]
    public int NoticeHours { get; set; } = 24;

    [Range(1, 52, ErrorMessage = "People can book 1 to 52 weeks ahead.")]
    public int HorizonWeeks { get; set; } = 8;

    [Range(1, 168, ErrorMessage = "A confirmed request holds its time for 1 to 168 hours.")]
    public int HoldHours { get; set; } = 48;

    public List<DayHours> Days { get; set; } = [];

    public DateOnly? AddDayOff { get; set; }

    public List<DateOnly>? RemoveDaysOff { get; set; }
}

public sealed class DayHours
{
    public bool Open { get; set; }
    public TimeOnly? From { get; set; }
    public TimeOnly? To { get; set; }
}
