using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Schedule;

// The delivery log of the therapist's session reminders: what was queued, sent, retried or failed, with
// the mail server's reply. Sessions are named by time and client, as on the therapist's own schedule.
public sealed class RemindersModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers, TimeProvider clock)
    : SchedulePageModel(db, authorization, viewers)
{
    public sealed record Line(ReminderDelivery Row, string Client);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public string Offsets { get; private set; } = "";
    const int Shown = 200;

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync()
    {
        if (!await LoadProfileAsync()) return NotFound();
        var ct = HttpContext.RequestAborted;
        var since = clock.GetUtcNow().AddDays(-60);
        var (practiceId, me) = (Profile.PracticeId, Profile.TherapistId);
        var rows = await Db.ReminderDeliveries.AsNoTracking().Where(r => r.PracticeId == practiceId && r.TherapistId == me && r.DueAt >= since)
            .OrderByDescending(r => r.DueAt).Take(Shown).ToListAsync(ct);
        // Each row names its session by key ("series:{id}:{date}" or "session:{id}"); the client's name comes from that series or session.
        static Guid IdIn(string key) => Guid.TryParseExact(key.Split(':')[1], "N", out var id) ? id : Guid.Empty;
        var ids = rows.Select(r => IdIn(r.Occurrence)).Distinct().ToList();
        var names = await Db.StandingSeries.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.ClientName })
            .Concat(Db.OneOffSessions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.ClientName }))
            .ToDictionaryAsync(s => s.Id, s => s.ClientName, ct);
        Lines = rows.Select(r => new Line(r, names.GetValueOrDefault(IdIn(r.Occurrence)) ?? "(a session since deleted)")).ToList();
        var offsets = Core.Scheduling.Reminders.FromMinutes(Practice.ReminderOffsets).Select(Core.Scheduling.Reminders.Describe).ToList();
        Offsets = offsets.Count <= 1 ? string.Join("", offsets) : string.Join(", ", offsets[..^1]) + " and " + offsets[^1];
        return Page();
    }

    public static string StateText(ReminderDelivery row) => row.State switch
    {
        ReminderState.Queued => "queued",
        ReminderState.Sending => "being sent",
        ReminderState.Sent => "sent",
        ReminderState.Failed => "failed; will try again",
        ReminderState.GaveUp => "not sent (gave up)",
        ReminderState.Obsolete => "not sent: the session moved or was cancelled, or the client turned reminders off",
        _ => row.State.ToString(),
    };

    public DateTimeZone Zone => Calendar.ZoneOf(Profile);
}
