using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Scheduling;

namespace SecureBase.Data.Accounts;

// A client who deletes their account takes their sessions with them: their series (with every change
// to them), one-off sessions and requests go, and so do the time claims they held, so the therapist's
// time is free again rather than blocked by bookings of nobody. Bulk deletes, so the therapists' diary
// versions are raised here (ADR 0025); the caller holds the transaction.
public static class SchedulingErasure
{
    public static async Task ForgetClientAsync(AppDbContext db, string userId, string address, CancellationToken ct)
    {
        var therapists = await db.StandingSeries.Where(s => s.ClientId == userId || s.ClientEmail == address).Select(s => s.TherapistId)
            .Concat(db.OneOffSessions.Where(s => s.ClientId == userId || s.ClientEmail == address).Select(s => s.TherapistId)).ToListAsync(ct);
        await ScheduleVersions.RaiseAsync(db, therapists, ct);
        var series = await db.StandingSeries.Where(s => s.ClientId == userId || s.ClientEmail == address).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in series)
        {
            var prefix = Holders.SeriesPrefix(id);
            await db.TimeClaims.Where(c => c.Holder.StartsWith(prefix)).ExecuteDeleteAsync(ct);
        }
        await db.StandingSeries.Where(s => series.Contains(s.Id)).ExecuteDeleteAsync(ct);   // their changes go by cascade

        var sessions = await db.OneOffSessions.Where(s => s.ClientId == userId || s.ClientEmail == address).Select(s => s.Id).ToListAsync(ct);
        var sessionHolders = sessions.Select(Holders.Session).ToList();
        await db.TimeClaims.Where(c => sessionHolders.Contains(c.Holder)).ExecuteDeleteAsync(ct);
        await db.OneOffSessions.Where(s => sessions.Contains(s.Id)).ExecuteDeleteAsync(ct);

        var requests = await db.BookingRequests.Where(r => r.Email == address).Select(r => r.Id).ToListAsync(ct);
        var holdHolders = requests.Select(Holders.Hold).ToList();
        await db.TimeClaims.Where(c => holdHolders.Contains(c.Holder)).ExecuteDeleteAsync(ct);
        await db.BookingRequests.Where(r => requests.Contains(r.Id)).ExecuteDeleteAsync(ct);
    }
}
