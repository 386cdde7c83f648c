using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Calendars;
using SecureBase.Web.Features.Invitations;

using SecureBase.Web.Features.Security;

using SecureBase.Data.Scheduling;

namespace SecureBase.Web.Features.Scheduling;

public enum ConfirmOutcome
{
    Held,
    Taken,
    AlreadyAnswered,
}

// A request's life: made on the public page (holds nothing), confirmed by the emailed link (holds the
// slot until an answer, the hold's end, or the slot itself, whichever is first), then approved as a
// one-off session or a standing weekly series, declined, or expired. Every outcome is mailed.
public sealed class RequestDesk(AppDbContext db, Calendar calendar, BookingDesk desk, BookingMail mail, SessionInvites invites, PracticeInvitations invitations, TimeProvider clock)
{
    public async Task<BookingRequest> CreateAsync(BookingProfile profile, Slot slot, bool hopesWeekly, string name, string email, string? message, string visitorZone, string practiceName, CancellationToken ct)
    {
        var token = SecretTokens.New();
        var request = new BookingRequest
        {
            Id = Guid.NewGuid(), PracticeId = profile.PracticeId, TherapistId = profile.TherapistId, Start = slot.Start.ToDateTimeOffset(), End = slot.End.ToDateTimeOffset(),
            HopesWeekly = hopesWeekly, Name = name, Email = email, Message = message, VisitorTimeZoneId = visitorZone, TokenHash = SecretTokens.HashOf(token),
            State = RequestState.Unconfirmed, CreatedAt = clock.GetUtcNow(),
        };
        db.BookingRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await mail.ConfirmLinkAsync(request, practiceName, profile.DisplayName, token, ct);
        return request;
    }

    public Task<BookingRequest?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<BookingRequest?>(null);
        var hash = SecretTokens.HashOf(token);
        return db.BookingRequests.AsNoTracking().FirstOrDefaultAsync(r => r.TokenHash == hash, ct);
    }

    public Task<BookingProfile> ProfileOfAsync(BookingRequest request, CancellationToken ct) =>
        db.BookingProfiles.AsNoTracking().FirstAsync(p => p.PracticeId == request.PracticeId && p.TherapistId == request.TherapistId, ct);

    public async Task<ConfirmOutcome> ConfirmAsync(Guid requestId, CancellationToken ct)
    {
        var request = await db.BookingRequests.AsNoTracking().FirstAsync(r => r.Id == requestId, ct);
        var profile = await ProfileOfAsync(request, ct);
        try
        {
            var outcome = await desk.RunAsync(profile, async () =>
            {
                var current = await db.BookingRequests.FirstAsync(r => r.Id == requestId, ct);
                if (current.State == RequestState.Held) return ConfirmOutcome.Held;
                if (current.State != RequestState.Unconfirmed) return ConfirmOutcome.AlreadyAnswered;
                var now = clock.GetUtcNow();
                if (current.Start <= now) throw new TimeTakenException(["the time has passed"]);
                var span = new Booked(Instant.FromDateTimeOffset(current.Start), Instant.FromDateTimeOffset(current.End), "this request");
                var date = span.Start.InZone(Calendar.ZoneOf(profile)).Date;
                await desk.ClaimAsync(profile, [(span, Holders.Hold(current.Id))], await calendar.TakenAsync(profile, date, date, ct), ct);
                current.State = RequestState.Held;
                current.ConfirmedAt = now;
                var holdEnd = now + TimeSpan.FromHours(profile.HoldHours);
                current.HeldUntil = holdEnd < current.Start ? holdEnd : current.Start;
                await desk.SaveOrTakenAsync(ct);
                return ConfirmOutcome.Held;
            }, ct);
            if (outcome == ConfirmOutcome.Held && await TherapistEmailAsync(profile, ct) is { } therapistEmail) await mail.NewRequestAsync(therapistEmail, ct);
            return outcome;
        }
        catch (TimeTakenException)
        {
            db.ChangeTracker.Clear();
            await db.BookingRequests.Where(r => r.Id == requestId && r.State == RequestState.Unconfirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RequestState.Taken), ct);
            return ConfirmOutcome.Taken;
        }
    }

    Task<string?> TherapistEmailAsync(BookingProfile profile, CancellationToken ct) =>
        db.Users.Where(u => u.Id == profile.TherapistId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    // Null when approved; otherwise what is in the way (nothing changed).
    public async Task<IReadOnlyList<string>?> ApproveAsync(BookingProfile profile, Guid requestId, bool weekly, CancellationToken ct)
    {
        await ExpireAsync(profile, ct);
        BookingRequest? approved;
        Guid? bookedSeries = null, bookedSession = null;
        try
        {
            approved = await desk.RunAsync(profile, async () =>
            {
                var request = await db.BookingRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.PracticeId == profile.PracticeId && r.TherapistId == profile.TherapistId, ct);
                if (request is null || request.State != RequestState.Held) return null;
                await desk.ReleaseAsync(Holders.Hold(request.Id), ct);
                var clientId = await CurrentClientAsync(profile, request.Email, ct);
                var zone = Calendar.ZoneOf(profile);
                var (start, end) = (Instant.FromDateTimeOffset(request.Start), Instant.FromDateTimeOffset(request.End));
                if (weekly)
                {
                    var local = start.InZone(zone).LocalDateTime;
                    var series = new SeriesRow
                    {
                        Id = Guid.NewGuid(), PracticeId = profile.PracticeId, TherapistId = profile.TherapistId, ClientId = clientId, ClientEmail = request.Email,
                        ClientName = request.Name, Day = (int)local.DayOfWeek, Time = local.TimeOfDay.ToTimeOnly(), LengthMinutes = (int)(end - start).TotalMinutes,
                        TimeZoneId = zone.Id, StartDate = local.Date.ToDateOnly(), CreatedAt = clock.GetUtcNow(), RequestId = request.Id,
                    };
                    var horizon = await calendar.CheckUntilAsync(profile, local.Date, ct);   // every occurrence that could meet anything booked
                    series.ClaimedThrough = horizon.ToDateOnly();
                    var occurrences = Series.Occurrences(Calendar.ToCore(series), local.Date, horizon, []);
                    var proposed = occurrences.Select(o => (new Booked(o.Start, o.End, $"week {o.Week} ({Show.Day(o.Start, zone)})"), Holders.Occurrence(series.Id, o.OriginalDate))).ToList();
                    await desk.ClaimAsync(profile, proposed, await calendar.TakenAsync(profile, local.Date, horizon, ct, exceptRequest: request.Id), ct);
                    db.StandingSeries.Add(series);
                    bookedSeries = series.Id;
                }
                else
                {
                    var session = new OneOffSession
                    {
                        Id = Guid.NewGuid(), PracticeId = profile.PracticeId, TherapistId = profile.TherapistId, ClientId = clientId, ClientEmail = request.Email,
                        ClientName = request.Name, Start = request.Start, End = request.End, CreatedAt = clock.GetUtcNow(), RequestId = request.Id,
                    };
                    var date = start.InZone(zone).Date;
                    await desk.ClaimAsync(profile, [(new Booked(start, end, "this session"), Holders.Session(session.Id))],
                        await calendar.TakenAsync(profile, date, date, ct, exceptRequest: request.Id), ct);
                    db.OneOffSessions.Add(session);
                    bookedSession = session.Id;
                }
                request.State = RequestState.Approved;
                request.AnsweredAt = clock.GetUtcNow();
                await desk.SaveOrTakenAsync(ct);
                return request;
            }, ct);
        }
        catch (TimeTakenException taken)
        {
            db.ChangeTracker.Clear();
            return taken.Conflicts;
        }
        if (approved is null) return ["This request is no longer waiting for an answer."];
        var invite = bookedSeries is { } seriesId ? await invites.OfSeriesAsync(seriesId, ct) : bookedSession is { } sessionId ? await invites.OfSessionAsync(sessionId, ct) : null;
        await mail.ApprovedAsync(approved, profile.DisplayName, Calendar.ZoneOf(profile), weekly, invite, ct);
        if (await CurrentClientAsync(profile, approved.Email, ct) is null
            && await invitations.ProblemWithAsync(profile.PracticeId, InvitationKind.Client, approved.Email, profile.TherapistId, ct) is null)
            await invitations.SendAsync(profile.PracticeId, InvitationKind.Client, approved.Email, profile.TherapistId, ct);
        return null;
    }

    // The person's account id when they are already this therapist's client in this practice.
    async Task<string?> CurrentClientAsync(BookingProfile profile, string email, CancellationToken ct)
    {
        var normalized = email.ToUpperInvariant();
        return await (from u in db.Users
                      join r in db.CareRelationships on u.Id equals r.ClientId
                      where u.NormalizedEmail == normalized && r.PracticeId == profile.PracticeId && r.TherapistId == profile.TherapistId && r.EndedAt == null
                      select u.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<bool> DeclineAsync(BookingProfile profile, Guid requestId, string? message, CancellationToken ct)
    {
        var declined = await desk.RunAsync(profile, async () =>
        {
            var request = await db.BookingRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.PracticeId == profile.PracticeId && r.TherapistId == profile.TherapistId, ct);
            if (request is null || request.State is not (RequestState.Held or RequestState.Unconfirmed)) return null;
            await desk.ReleaseAsync(Holders.Hold(request.Id), ct);
            request.State = RequestState.Declined;
            request.AnsweredAt = clock.GetUtcNow();
            request.AnswerMessage = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
            await db.SaveChangesAsync(ct);
            return request;
        }, ct);
        if (declined is null) return false;
        await mail.DeclinedAsync(declined, profile.DisplayName, ct);
        return true;
    }

    // Holds past their end become Expired, their claims released, their person told.
    public async Task<int> ExpireAsync(BookingProfile profile, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await desk.RunAsync(profile, async () =>
        {
            var due = await db.BookingRequests.Where(r => r.PracticeId == profile.PracticeId && r.TherapistId == profile.TherapistId && r.State == RequestState.Held && r.HeldUntil <= now).ToListAsync(ct);
            foreach (var request in due)
            {
                await desk.ReleaseAsync(Holders.Hold(request.Id), ct);
                request.State = RequestState.Expired;
                request.AnsweredAt = now;
            }
            await db.SaveChangesAsync(ct);
            return due;
        }, ct);
        foreach (var request in expired) await mail.ExpiredAsync(request, profile.DisplayName, ct);
        return expired.Count;
    }
}
