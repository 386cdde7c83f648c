using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Web.Features.Calendars;

// What calendars, invitations and reminders call a session: the practice's title, or "Appointment".
public static class SessionTitle
{
    public const string Default = "Appointment";

    public static string Or(string? stored) => string.IsNullOrWhiteSpace(stored) ? Default : stored;

    public static async Task<string> OfAsync(AppDbContext db, Guid practiceId, CancellationToken ct) =>
        Or(await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => p.CalendarTitle).FirstOrDefaultAsync(ct));
}
