using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Scheduling;
using SecureBase.Web.Features.Security;

using SecureBase.Data.Scheduling;

namespace SecureBase.Web.Features.Calendars;

// Where a reminder goes. Email is the one built; an SMS sender would be another implementation chosen per
// person, with the same claims and the same delivery log (no SMS provider is reachable from here).
public interface IReminderChannel
{
    Task SendAsync(ReminderMessage message, CancellationToken ct);
}

public sealed record ReminderMessage(string Email, string Subject, string Body);

public sealed class EmailReminders(IOutbox outbox) : IReminderChannel
{
    public Task SendAsync(ReminderMessage message, CancellationToken ct) => outbox.SendAsync(message.Email, message.Subject, message.Body, ct);
}

// One pass of the reminder service: claim what is due, then send what this instance claimed.
// Exactly once: every (occurrence, start, offset) is one row under a unique key, inserted before anything
// is sent; a row is taken by an atomic UPDATE that only one instance can win, and leased for a few minutes,
// so a crashed instance's rows are taken over after the lease. Before sending, the session is read again:
// moved (another start), cancelled or begun means the row is closed, never sent for the old time.
// The one gap no SMTP exchange can close: a crash after the server accepted a message and before the row
// says Sent sends that one message again when the lease ends (ADR 0016).
public sealed class ReminderRun(AppDbContext db, Calendar calendar, SessionDesk sessions, IReminderChannel channel, PublicUrls urls, TimeProvider clock, ILogger<ReminderRun> log)
{
    public static readonly Duration Lease = Duration.FromMinutes(5);

    public async Task<int> RunOnceAsync(CancellationToken ct, int batch = 50)
    {
        await ClaimDueAsync(ct);
        return await SendClaimedAsync(ct, batch);
    }

    // Inserts a Queued row for each reminder due now; a row that already exists (sent, or claimed by another instance) is left alone.
    public async Task ClaimDueAsync(CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var practices = (await db.Practices.AsNoTracking().Select(p => new { p.Id, p.ReminderOffsets }).ToListAsync(ct))
            .Select(p => (p.Id, Offsets: Reminders.FromMinutes(p.ReminderOffsets))).Where(p => p.Offsets.Count > 0).ToDictionary(p => p.Id, p => p.Offsets);
        if (practices.Count == 0) return;
        var horizon = now + practices.Values.Max(o => o.Max());
        // The claims already made for sessions still to come, read once: a reminder stays due until its session begins.
        var nowOffset = now.ToDateTimeOffset();
        var claimed = (await db.ReminderDeliveries.AsNoTracking().Where(r => r.Start > nowOffset).Select(r => new { r.Occurrence, r.Start, r.OffsetMinutes }).ToListAsync(ct))
            .Select(r => (r.Occurrence, r.Start, r.OffsetMinutes)).ToHashSet();
        foreach (var due in await ComingAsync(practices.Keys.ToList(), now, horizon, ct))
        {
            if (Reminders.DueNow(due.Start, due.TimeSetAt, practices[due.PracticeId], now) is not { } offset) continue;
            var (start, dueAt, created) = (due.Start.ToDateTimeOffset(), (due.Start - offset).ToDateTimeOffset(), now.ToDateTimeOffset());
            if (claimed.Contains((due.Key, start, (int)offset.TotalMinutes))) continue;
            await InsertAsync(new ReminderDelivery
            {
                Id = Guid.NewGuid(), PracticeId = due.PracticeId, TherapistId = due.TherapistId, Occurrence = due.Key, Start = start,
                OffsetMinutes = (int)offset.TotalMinutes, DueAt = dueAt, State = ReminderState.Queued, CreatedAt = created,
            }, ct);
        }
    }

    async Task InsertAsync(ReminderDelivery row, CancellationToken ct)
    {
        db.ReminderDeliveries.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the same claim since it was read: the key refused ours.
            db.ChangeTracker.Clear();
        }
    }

    sealed record Coming(string Key, Guid PracticeId, string TherapistId, Instant Start, Instant TimeSetAt);

    // Every session of these practices that starts in (now, horizon], with the moment it got that time.
    async Task<List<Coming>> ComingAsync(List<Guid> practiceIds, Instant now, Instant horizon, CancellationToken ct)
    {
        var result = new List<Coming>();
        var today = DateOnly.FromDateTime(now.ToDateTimeUtc()).AddDays(-2);
        var series = await db.StandingSeries.AsNoTracking().Where(s => practiceIds.Contains(s.PracticeId) && (s.Until == null || s.Until >= today)).ToListAsync(ct);
        var changes = (await calendar.ChangesAsync(series.Select(s => s.Id), ct, now)).ToLookup(c => c.SeriesId);
        foreach (var row in series)
        {
            var byDate = changes[row.Id].ToDictionary(c => c.OriginalDate);
            foreach (var o in Calendar.Touching(row, changes[row.Id].ToList(), now, horizon).Where(o => !o.Cancelled && o.Start > now && o.Start <= horizon))
            {
                var setAt = o.Moved && byDate.TryGetValue(o.OriginalDate.ToDateOnly(), out var c) && c.ChangedAt is { } changed ? changed : row.CreatedAt;
                result.Add(new Coming(Holders.Occurrence(row.Id, o.OriginalDate), row.PracticeId, row.TherapistId, o.Start, Instant.FromDateTimeOffset(setAt)));
            }
        }
        var (from, to) = (now.ToDateTimeOffset(), horizon.ToDateTimeOffset());
        var sessions = await db.OneOffSessions.AsNoTracking()
            .Where(s => practiceIds.Contains(s.PracticeId) && s.CancelledAt == null && s.Start > from && s.Start <= to).ToListAsync(ct);
        result.AddRange(sessions.Select(s => new Coming(Holders.Session(s.Id), s.PracticeId, s.TherapistId, Instant.FromDateTimeOffset(s.Start), Instant.FromDateTimeOffset(s.UpdatedAt ?? s.CreatedAt))));
        return result;
    }

    // Takes and sends up to `batch` rows: new ones, failed ones whose wait is over, and ones whose lease ran out.
    public async Task<int> SendClaimedAsync(CancellationToken ct, int batch = 50)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.ReminderDeliveries.AsNoTracking()
            .Where(r => r.State == ReminderState.Queued || (r.State == ReminderState.Failed && r.NextAttemptAt <= now) || (r.State == ReminderState.Sending && r.LeaseUntil < now))
            .OrderBy(r => r.DueAt).Select(r => r.Id).Take(batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in candidates)
        {
            ct.ThrowIfCancellationRequested();
            var leaseUntil = now + Lease.ToTimeSpan();
            var taken = await db.ReminderDeliveries
                .Where(r => r.Id == id && (r.State == ReminderState.Queued || (r.State == ReminderState.Failed && r.NextAttemptAt <= now) || (r.State == ReminderState.Sending && r.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReminderState.Sending).SetProperty(r => r.LeaseUntil, leaseUntil).SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
            if (taken != 1) continue;   // another instance won it
            if (await DeliverAsync(id, ct)) sent++;
        }
        return sent;
    }

    async Task<bool> DeliverAsync(Guid id, CancellationToken ct)
    {
        var row = await db.ReminderDeliveries.AsNoTracking().FirstAsync(r => r.Id == id, ct);
        var now = clock.GetUtcNow();
        var message = await MessageAsync(row, ct);
        if (message.Closed is { } closed)
        {
            await SetAsync(id, closed, null, null, ct);
            return false;
        }
        try
        {
            await channel.SendAsync(message.Message!, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reply = e.Message.Length > 300 ? e.Message[..300] : e.Message;   // the mail server's words; they hold no session content
            var giveUp = row.Attempts >= Reminders.MaxAttempts;
            log.LogWarning("A reminder could not be sent (try {Attempt}): {Error}", row.Attempts, e.GetType().Name);
            await SetAsync(id, giveUp ? ReminderState.GaveUp : ReminderState.Failed, reply, giveUp ? null : now + Reminders.RetryAfter(row.Attempts).ToTimeSpan(), ct);
            return false;
        }
        await db.ReminderDeliveries.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReminderState.Sent).SetProperty(r => r.SentAt, clock.GetUtcNow()).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        return true;
    }

    Task<int> SetAsync(Guid id, ReminderState state, string? error, DateTimeOffset? next, CancellationToken ct) =>
        db.ReminderDeliveries.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, state).SetProperty(r => r.LastError, r => error ?? r.LastError).SetProperty(r => r.NextAttemptAt, next).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), ct);

    // The reminder as the session now stands, or why it is closed without sending.
    async Task<(ReminderMessage? Message, ReminderState? Closed)> MessageAsync(ReminderDelivery row, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var start = Instant.FromDateTimeOffset(row.Start);
        if (now >= start) return (null, ReminderState.GaveUp);   // the session began first: a late reminder only confuses
        var current = await CurrentAsync(row.Occurrence, ct);
        if (current is not { } session || session.Cancelled || session.Start != start) return (null, ReminderState.Obsolete);

        var (email, zone, off) = await RecipientAsync(session, ct);
        if (off || email is null) return (null, ReminderState.Obsolete);
        var title = await SessionTitle.OfAsync(db, row.PracticeId, ct);
        var therapist = await db.BookingProfiles.AsNoTracking().Where(p => p.PracticeId == row.PracticeId && p.TherapistId == row.TherapistId)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(ct) ?? "your therapist";
        var when = Show.When(start, zone);
        var body = $"A reminder: {title} with {therapist} on {when}.\n\n" +
                   $"If you cannot come, see your sessions here: {urls.To("/Sessions")}\n\n" +
                   $"You can turn these reminders off: {urls.To("/Calendars")}\n";
        return (new ReminderMessage(email, $"Reminder: {title} on {Show.Day(start, zone)}", body), null);
    }

    // The occurrence or one-off named by a claim's key, as it is now.
    async Task<SessionView?> CurrentAsync(string key, CancellationToken ct)
    {
        var parts = key.Split(':');
        if (parts is ["session", var sessionId] && Guid.TryParseExact(sessionId, "N", out var sid)) return await sessions.FindAsync(null, null, sid, ct);
        if (parts is ["series", var seriesId, var date] && Guid.TryParseExact(seriesId, "N", out var series)
            && DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            return await sessions.FindAsync(series, LocalDate.FromDateOnly(d), null, ct);
        return null;
    }

    // Reminders go to the client, where and in the zone SessionDesk tells them of changes; not to one who turned them off.
    async Task<(string? Email, DateTimeZone Zone, bool Off)> RecipientAsync(SessionView session, CancellationToken ct)
    {
        var (email, zone) = await sessions.ClientContactAsync(session.Parties, session.ClientEmail, session.Zone, ct);
        var off = session.Parties.ClientId is { } id && await db.Users.AnyAsync(u => u.Id == id && u.SessionRemindersOff, ct);
        return (email, zone, off);
    }
}
