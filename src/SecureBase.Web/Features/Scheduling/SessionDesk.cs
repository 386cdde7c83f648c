using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Sharing;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Calendars;
using SecureBase.Web.Features.Email;

using SecureBase.Data.Scheduling;

namespace SecureBase.Web.Features.Scheduling;

// One session as people see it: a one-off (SessionId) or an occurrence of a series (SeriesId + the date it was due).
public sealed record SessionView(Guid? SeriesId, LocalDate? OriginalDate, Guid? SessionId, int? Week, SessionParties Parties, string ClientName, string ClientEmail,
    DateTimeZone Zone, Instant Start, Instant End, bool Moved, bool Cancelled, ChangedBy? CancelledBy, string? Reason, SessionAttendance? Attendance,
    Instant? AttendanceMarkedAt = null)
{
    public Outcome Outcome => Cancelled
        ? CancelledBy == ChangedBy.Client ? Core.Scheduling.Outcome.CancelledByClient : Core.Scheduling.Outcome.CancelledByTherapist
        : Attendance switch
        {
            SessionAttendance.Attended => Core.Scheduling.Outcome.Attended,
            SessionAttendance.NoShow => Core.Scheduling.Outcome.NoShow,
            SessionAttendance.LateCancellation => Core.Scheduling.Outcome.LateCancellation,
            _ => Core.Scheduling.Outcome.Unmarked,
        };
}

// Sessions of a therapist or a client, and the changes either makes to one: cancel, move, mark attendance.
public sealed class SessionDesk(AppDbContext db, Calendar calendar, BookingDesk desk, BookingMail mail, SessionInvites invites, TimeProvider clock)
{
    Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public async Task<List<SessionView>> OfTherapistAsync(Guid practiceId, string therapistId, Instant from, Instant to, CancellationToken ct) =>
        await ListAsync(db.StandingSeries.Where(s => s.PracticeId == practiceId && s.TherapistId == therapistId),
            db.OneOffSessions.Where(s => s.PracticeId == practiceId && s.TherapistId == therapistId), from, to, ct);

    public async Task<List<SessionView>> OfClientAsync(string clientId, Instant from, Instant to, CancellationToken ct) =>
        await ListAsync(db.StandingSeries.Where(s => s.ClientId == clientId), db.OneOffSessions.Where(s => s.ClientId == clientId), from, to, ct);

    async Task<List<SessionView>> ListAsync(IQueryable<SeriesRow> seriesQuery, IQueryable<OneOffSession> sessionQuery, Instant from, Instant to, CancellationToken ct)
    {
        var result = new List<SessionView>();
        var series = await seriesQuery.AsNoTracking().ToListAsync(ct);
        var changes = (await calendar.ChangesAsync(series.Select(s => s.Id), ct, from)).ToLookup(c => c.SeriesId);
        foreach (var row in series)
        {
            var core = Calendar.ToCore(row);
            var byDate = changes[row.Id].ToDictionary(c => LocalDate.FromDateOnly(c.OriginalDate));
            foreach (var o in Calendar.Touching(row, changes[row.Id].ToList(), from, to))
            {
                byDate.TryGetValue(o.OriginalDate, out var change);
                result.Add(new SessionView(row.Id, o.OriginalDate, null, o.Week, new SessionParties(row.PracticeId, row.TherapistId, row.ClientId), row.ClientName, row.ClientEmail, core.Zone,
                    o.Start, o.End, o.Moved, o.Cancelled, change?.Cancelled == true ? change.ChangedBy : null, change?.Reason, change?.Attendance,
                    change?.AttendanceMarkedAt is { } marked ? Instant.FromDateTimeOffset(marked) : null));
            }
        }
        var (fromOffset, toOffset) = (from.ToDateTimeOffset(), to.ToDateTimeOffset());
        var sessions = await sessionQuery.AsNoTracking().Where(s => s.End > fromOffset && s.Start < toOffset).ToListAsync(ct);
        var therapists = sessions.Select(s => s.TherapistId).Distinct().ToList();
        var zones = await db.BookingProfiles.AsNoTracking().Where(p => therapists.Contains(p.TherapistId))
            .Select(p => new { p.PracticeId, p.TherapistId, p.TimeZoneId }).ToListAsync(ct);
        foreach (var s in sessions)
        {
            var zone = Zones.Find(zones.FirstOrDefault(z => z.PracticeId == s.PracticeId && z.TherapistId == s.TherapistId)?.TimeZoneId);
            result.Add(new SessionView(null, null, s.Id, null, new SessionParties(s.PracticeId, s.TherapistId, s.ClientId), s.ClientName, s.ClientEmail, zone,
                Instant.FromDateTimeOffset(s.Start), Instant.FromDateTimeOffset(s.End), false, s.CancelledAt is not null, s.CancelledBy, s.Reason, s.Attendance,
                s.AttendanceMarkedAt is { } marked ? Instant.FromDateTimeOffset(marked) : null));
        }
        return result.OrderBy(s => s.Start).ToList();
    }

    // One session by its ids, or null when no such session exists.
    public async Task<SessionView?> FindAsync(Guid? seriesId, LocalDate? originalDate, Guid? sessionId, CancellationToken ct)
    {
        if (sessionId is { } id)
        {
            var s = await db.OneOffSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (s is null) return null;
            var all = await ListAsync(db.StandingSeries.Where(_ => false), db.OneOffSessions.Where(x => x.Id == id), Instant.FromDateTimeOffset(s.Start), Instant.FromDateTimeOffset(s.End), ct);
            return all.SingleOrDefault();
        }
        if (seriesId is not { } series || originalDate is not { } date) return null;
        var row = await db.StandingSeries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == series, ct);
        if (row is null) return null;
        var core = Calendar.ToCore(row);
        var changes = await calendar.ChangesAsync([series], ct);
        var occurrence = Series.Occurrences(core, date, date, changes.Select(Calendar.ToCore).ToList()).SingleOrDefault();
        if (occurrence is null) return null;
        var change = changes.FirstOrDefault(c => LocalDate.FromDateOnly(c.OriginalDate) == date);
        return new SessionView(row.Id, date, null, occurrence.Week, new SessionParties(row.PracticeId, row.TherapistId, row.ClientId), row.ClientName, row.ClientEmail, core.Zone,
            occurrence.Start, occurrence.End, occurrence.Moved, occurrence.Cancelled, change?.Cancelled == true ? change.ChangedBy : null, change?.Reason, change?.Attendance);
    }

    public Task<BookingProfile?> ProfileOfAsync(SessionView session, CancellationToken ct) =>
        db.BookingProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.PracticeId == session.Parties.PracticeId && p.TherapistId == session.Parties.TherapistId, ct);

    static string HolderOf(SessionView session) =>
        session.SessionId is { } id ? Holders.Session(id) : Holders.Occurrence(session.SeriesId!.Value, session.OriginalDate!.Value);

    // Null when done, else why not.
    public async Task<string?> CancelAsync(SessionView session, ChangedBy by, string? reason, CancellationToken ct, bool notify = true)
    {
        if (session.Cancelled) return "This session is already cancelled.";
        if (session.Start <= Now) return "This session has already begun.";
        var profile = await ProfileOfAsync(session, ct);
        if (profile is null) return "This session cannot be changed here.";
        // Checked again inside the therapist's turn: two cancellations sent at once both passed the check above,
        // and each sent the client an email.
        var cancelled = await desk.RunAsync(profile, async () =>
        {
            if (session.SessionId is { } id)
            {
                var row = await db.OneOffSessions.FirstAsync(s => s.Id == id, ct);
                if (row.CancelledAt is not null) return false;
                (row.CancelledAt, row.CancelledBy, row.Reason) = (clock.GetUtcNow(), by, reason);
            }
            else
            {
                var change = await ChangeOfAsync(session, ct);
                if (change.Cancelled) return false;
                (change.Cancelled, change.ChangedBy, change.Reason, change.ChangedAt) = (true, by, reason, clock.GetUtcNow());
            }
            await desk.ReleaseAsync(HolderOf(session), ct);
            await NextSequenceAsync(session, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        if (!cancelled) return "This session is already cancelled.";
        if (notify) await NotifyAsync(session, by, null, reason, ct);
        return null;
    }

    // The other person is told of every change: the client when the therapist changes a session, the therapist when the client does.
    async Task NotifyAsync(SessionView session, ChangedBy by, Instant? movedTo, string? reason, CancellationToken ct)
    {
        var invite = await InviteOfAsync(session, ct);
        var therapist = await db.Users.AsNoTracking().Where(u => u.Id == session.Parties.TherapistId).Select(u => new { u.Email }).FirstAsync(ct);
        var therapistName = await db.BookingProfiles.Where(p => p.PracticeId == session.Parties.PracticeId && p.TherapistId == session.Parties.TherapistId)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(ct) ?? "Your therapist";
        if (by == ChangedBy.Therapist)
        {
            var (email, clientZone) = await ClientContactAsync(session.Parties, session.ClientEmail, session.Zone, ct);
            await mail.SessionChangedAsync(email, "Your session has changed", therapistName, Show.When(session.Start, clientZone), movedTo is { } m ? Show.When(m, clientZone) : null, reason, invite, ct);
        }
        else if (therapist.Email is { } therapistEmail)
        {
            var therapistZone = await ProfileOfAsync(session, ct) is { } profile ? Calendar.ZoneOf(profile) : session.Zone;   // the therapist's clock as it is now
            await mail.SessionChangedAsync(therapistEmail, "A client changed a session", session.ClientName, Show.When(session.Start, therapistZone), movedTo is { } m ? Show.When(m, therapistZone) : null, reason, invite, ct);
        }
    }

    // The one session as it now stands, for the other person's calendar.
    Task<CalendarInvite?> InviteOfAsync(SessionView session, CancellationToken ct) =>
        session.SessionId is { } id ? invites.OfSessionAsync(id, ct) : invites.OfOccurrenceAsync(session.SeriesId!.Value, session.OriginalDate!.Value, ct);

    // Where to tell a client, and in which zone: their account's, or (before they have one) the zone they booked in.
    public async Task<(string Email, DateTimeZone Zone)> ClientContactAsync(SessionParties parties, string clientEmail, DateTimeZone fallback, CancellationToken ct)
    {
        if (parties.ClientId is { } id && await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Email, u.TimeZoneId }).FirstOrDefaultAsync(ct) is { } user)
            return (user.Email ?? clientEmail, Zones.Find(user.TimeZoneId));
        var booked = await db.BookingRequests.AsNoTracking().Where(r => r.PracticeId == parties.PracticeId && r.TherapistId == parties.TherapistId && r.Email == clientEmail)
            .OrderByDescending(r => r.CreatedAt).Select(r => r.VisitorTimeZoneId).FirstOrDefaultAsync(ct);
        return (clientEmail, booked is null ? fallback : Zones.Find(booked));
    }

    // The client is told when their weekly time changes from a date, or the series ends.
    async Task NotifySeriesAsync(BookingProfile profile, SeriesRow series, string text, IEnumerable<Guid> changedSeries, CancellationToken ct)
    {
        var (email, _) = await ClientContactAsync(new SessionParties(series.PracticeId, series.TherapistId, series.ClientId), series.ClientEmail, Calendar.ZoneOf(profile), ct);
        var attached = new List<CalendarInvite>();
        foreach (var id in changedSeries)
            if (await invites.OfSeriesAsync(id, ct) is { } invite) attached.Add(invite);
        await mail.SeriesChangedAsync(email, profile.DisplayName, text, attached, ct);
    }

    // Moves the session to a new start (same length). A client may move only into a free slot; a therapist
    // anywhere that meets nothing else. Null when done, else why not (nothing changed).
    public async Task<string?> MoveAsync(SessionView session, Instant start, ChangedBy by, CancellationToken ct)
    {
        if (session.Cancelled) return "This session is cancelled.";
        if (session.Start <= Now) return "This session has already begun.";
        if (start <= Now) return "Choose a time in the future.";
        var profile = await ProfileOfAsync(session, ct);
        if (profile is null) return "This session cannot be changed here.";
        var end = start + (session.End - session.Start);
        var date = start.InZone(Calendar.ZoneOf(profile)).Date;   // free slots are counted on the therapist's clock as it is now
        try
        {
            var moved = await desk.RunAsync(profile, async () =>
            {
                // Checked again inside the therapist's turn: a cancellation made meanwhile must not get its time claimed back.
                if (await IsCancelledNowAsync(session, ct)) return "This session is cancelled.";
                await desk.ReleaseAsync(HolderOf(session), ct);
                var taken = await calendar.TakenAsync(profile, date, date, ct);
                taken.RemoveAll(t => t.Start == session.Start && t.End == session.End);
                if (by == ChangedBy.Client)
                {
                    var availability = await calendar.AvailabilityAsync(profile, ct);
                    var free = Slots.Free(availability with { MinimumNotice = Duration.FromHours(await ClientNoticeHoursAsync(profile, ct)) }, taken, Now, date, date);
                    if (!free.Any(s => s.Start == start)) return "That time is not free. Choose one of the times offered.";
                }
                await desk.ClaimAsync(profile, [(new Booked(start, end, "the new time"), HolderOf(session))], taken, ct);
                if (session.SessionId is { } id)
                {
                    var row = await db.OneOffSessions.FirstAsync(s => s.Id == id, ct);
                    (row.Start, row.End) = (start.ToDateTimeOffset(), end.ToDateTimeOffset());
                }
                else
                {
                    var change = await ChangeOfAsync(session, ct);
                    var local = start.InZone(session.Zone).LocalDateTime;
                    (change.MovedToDate, change.MovedToTime, change.ChangedBy, change.ChangedAt) = (local.Date.ToDateOnly(), local.TimeOfDay.ToTimeOnly(), by, clock.GetUtcNow());
                }
                await NextSequenceAsync(session, ct);
                await desk.SaveOrTakenAsync(ct);
                return (string?)null;
            }, ct);
            if (moved is null) await NotifyAsync(session, by, start, null, ct);
            return moved;
        }
        catch (TimeTakenException taken)
        {
            db.ChangeTracker.Clear();
            return by == ChangedBy.Client ? "That time was just taken. Choose another." : $"That time meets {string.Join("; ", taken.Conflicts.Select(c => c.Replace("the new time meets ", "")))}.";
        }
    }

    public async Task<int> ClientNoticeHoursAsync(BookingProfile profile, CancellationToken ct) =>
        await db.Practices.Where(p => p.Id == profile.PracticeId).Select(p => p.ClientChangeNoticeHours).FirstAsync(ct);

    public async Task<string?> MarkAsync(SessionView session, SessionAttendance? attendance, CancellationToken ct)
    {
        if (session.Cancelled) return "A cancelled session has no attendance.";
        if (session.Start > Now) return "Attendance is marked once the session has begun.";
        // Through SaveChanges, which raises the therapist's diary version (ADR 0025).
        // The time is kept only when the outcome changes: the same mark again is no news to a flag.
        var now = clock.GetUtcNow();
        if (session.SessionId is { } id)
        {
            var row = await db.OneOffSessions.FirstAsync(s => s.Id == id, ct);
            if (row.Attendance != attendance) (row.Attendance, row.AttendanceMarkedAt) = (attendance, now);
        }
        else
        {
            var change = await ChangeOfAsync(session, ct);
            if (change.Attendance != attendance) (change.Attendance, change.AttendanceMarkedAt) = (attendance, now);
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    // Calendars see a change by a higher SEQUENCE: a one-off's own, or its series' (an EXDATE or an
    // override changes what the series means to a calendar).
    async Task NextSequenceAsync(SessionView session, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (session.SessionId is { } id)
        {
            var row = await db.OneOffSessions.FirstAsync(s => s.Id == id, ct);
            (row.Sequence, row.UpdatedAt) = (row.Sequence + 1, now);
        }
        else
        {
            var row = await db.StandingSeries.FirstAsync(s => s.Id == session.SeriesId, ct);
            (row.Sequence, row.UpdatedAt) = (row.Sequence + 1, now);
        }
    }

    async Task<bool> IsCancelledNowAsync(SessionView session, CancellationToken ct)
    {
        if (session.SessionId is { } id) return await db.OneOffSessions.AnyAsync(s => s.Id == id && s.CancelledAt != null, ct);
        var date = session.OriginalDate!.Value.ToDateOnly();
        return await db.OccurrenceChanges.AnyAsync(c => c.SeriesId == session.SeriesId && c.OriginalDate == date && c.Cancelled, ct);
    }

    async Task<OccurrenceChange> ChangeOfAsync(SessionView session, CancellationToken ct)
    {
        var date = session.OriginalDate!.Value.ToDateOnly();
        var change = await db.OccurrenceChanges.FirstOrDefaultAsync(c => c.SeriesId == session.SeriesId && c.OriginalDate == date, ct);
        if (change is not null) return change;
        change = new OccurrenceChange { SeriesId = session.SeriesId!.Value, OriginalDate = date, PracticeId = session.Parties.PracticeId };
        db.OccurrenceChanges.Add(change);
        return change;
    }

    // Changes a weekly series from one of its occurrences onward: the earlier part stays as it was (the old
    // series ends the day before), and a new series at the new weekday and time starts with `first`, checked
    // on every occurrence to the horizon. Null when done, else what is in the way (nothing changed).
    public async Task<string?> ChangeFromAsync(BookingProfile profile, SessionView from, LocalDateTime first, CancellationToken ct)
    {
        if (from.SeriesId is not { } seriesId || from.OriginalDate is not { } cutoff) return "Only a weekly series changes from a date on.";
        if (from.Start <= Now) return "Choose a session still to come: the ones before it stay as they were.";
        var zone = Calendar.ZoneOf(profile);   // the new time is on the therapist's clock as it is now
        if (LocalTimes.ToInstant(first, zone) <= Now) return "Choose a first new session in the future.";
        if (first.Date < cutoff) return "The new time starts on or after the session you chose.";
        try
        {
            var nextId = Guid.NewGuid();
            var changed = await desk.RunAsync(profile, async () =>
            {
                var old = await db.StandingSeries.FirstAsync(s => s.Id == seriesId, ct);
                if (old.Until is { } until && until < cutoff.ToDateOnly()) return "This series has already ended.";
                await desk.ReleaseSeriesFromAsync(seriesId, cutoff, ct);
                old.Until = cutoff.PlusDays(-1).ToDateOnly();
                (old.Sequence, old.UpdatedAt) = (old.Sequence + 1, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);

                var next = new SeriesRow
                {
                    Id = nextId, PracticeId = old.PracticeId, TherapistId = old.TherapistId, ClientId = old.ClientId, ClientEmail = old.ClientEmail,
                    ClientName = old.ClientName, Day = (int)first.DayOfWeek, Time = first.TimeOfDay.ToTimeOnly(), LengthMinutes = old.LengthMinutes,
                    TimeZoneId = zone.Id, StartDate = first.Date.ToDateOnly(), CreatedAt = clock.GetUtcNow(),
                };
                var horizon = await calendar.CheckUntilAsync(profile, first.Date, ct);
                next.ClaimedThrough = horizon.ToDateOnly();
                var proposed = Series.Occurrences(Calendar.ToCore(next), first.Date, horizon, [])
                    .Select(o => (new Booked(o.Start, o.End, $"week {o.Week} ({Show.Day(o.Start, zone)})"), Holders.Occurrence(next.Id, o.OriginalDate))).ToList();
                await desk.ClaimAsync(profile, proposed, await calendar.TakenAsync(profile, first.Date, horizon, ct), ct);
                db.StandingSeries.Add(next);
                await desk.SaveOrTakenAsync(ct);
                return (string?)null;
            }, ct);
            if (changed is null && await db.StandingSeries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == seriesId, ct) is { } row)
            {
                var (_, clientZone) = await ClientContactAsync(new SessionParties(row.PracticeId, row.TherapistId, row.ClientId), row.ClientEmail, zone, ct);
                var firstNew = LocalTimes.ToInstant(first, zone);
                await NotifySeriesAsync(profile, row, $"From {Show.When(firstNew, clientZone)}, your weekly session is every {firstNew.InZone(clientZone).DayOfWeek} at {Show.Time(firstNew, clientZone)} your time " +
                    $"({Show.Time(firstNew, zone)} on {profile.DisplayName}'s clock, {zone.Id}). The sessions before that stay as they were.", [seriesId, nextId], ct);
            }
            return changed;
        }
        catch (TimeTakenException taken)
        {
            db.ChangeTracker.Clear();
            return $"The new time meets other bookings: {string.Join("; ", taken.Conflicts)}. Nothing changed.";
        }
    }

    // An announced break: every session of the therapist from one date to another (their clock) is cancelled by them, with the reason.
    public async Task<int> BreakAsync(BookingProfile profile, LocalDate from, LocalDate to, string reason, CancellationToken ct)
    {
        var zone = Calendar.ZoneOf(profile);
        var due = await OfTherapistAsync(profile.PracticeId, profile.TherapistId, from.AtStartOfDayInZone(zone).ToInstant(), to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), ct);
        var cancelled = new List<SessionView>();
        foreach (var session in due.Where(s => !s.Cancelled && s.Start > Now))
            if (await CancelAsync(session, ChangedBy.Therapist, reason, ct, notify: false) is null) cancelled.Add(session);
        foreach (var person in cancelled.GroupBy(s => s.ClientEmail))
        {
            var clientId = person.First().Parties.ClientId;
            var clientZone = clientId is null ? zone : Zones.Find(await db.Users.Where(u => u.Id == clientId).Select(u => u.TimeZoneId).FirstOrDefaultAsync(ct));
            var attached = new List<CalendarInvite>();
            foreach (var session in person)
                if (await InviteOfAsync(session, ct) is { } invite) attached.Add(invite);
            await mail.BreakAsync(person.Key, profile.DisplayName, person.Select(s => Show.When(s.Start, clientZone)).ToList(), reason, attached, ct);
        }
        return cancelled.Count;
    }

    // Ends a series after a date (the earlier part stays as it was); occurrences after it release their time.
    public async Task EndSeriesAsync(BookingProfile profile, Guid seriesId, LocalDate lastDate, CancellationToken ct)
    {
        var ended = await desk.RunAsync(profile, async () =>
        {
            var row = await db.StandingSeries.FirstAsync(s => s.Id == seriesId, ct);
            var earlier = row.StartDate.AddDays(-1);
            row.Until = lastDate.ToDateOnly() < earlier ? earlier : lastDate.ToDateOnly();
            (row.Sequence, row.UpdatedAt) = (row.Sequence + 1, clock.GetUtcNow());
            await desk.ReleaseSeriesFromAsync(seriesId, LocalDate.FromDateOnly(row.Until.Value).PlusDays(1), ct);
            await db.SaveChangesAsync(ct);
            return row;
        }, ct);
        await NotifySeriesAsync(profile, ended, $"Your weekly sessions end after {ended.Until!.Value.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}; the ones until then stay as they were.", [seriesId], ct);
    }
}
