using Microsoft.EntityFrameworkCore;
using SecureBase.Core.ActivationLog;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Expectations;
using SecureBase.Web.Features.Log;
using SecureBase.Web.Features.Questionnaires;

namespace SecureBase.Web.Features.Progress;

public sealed record TimelineEvent(DateTimeOffset When, string Kind, string Text, string? Link);

public static class ProgressData
{
    public static Task<List<Administration>> CompletedAdministrationsAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.Administrations.OwnedBy(userId).AsNoTracking().Include(a => a.Scores)
            .Where(a => a.CompletedAt != null).ToListAsync(ct);

    // Only the columns the weekly metrics use: no ciphertext leaves the database for this. From an instant on (the
    // period's start less the weeks its first rolling value pools), or every entry when null.
    public static Task<List<Activation>> ActivationsAsync(AppDbContext db, string userId, CancellationToken ct, DateTimeOffset? since = null) =>
        db.ActivationEntries.OwnedBy(userId)
            .Where(e => since == null || e.OccurredAt >= since)
            .Select(e => new Activation(e.OccurredAt, e.Intensity, e.Noticed, e.Response, e.SettledMinutes))
            .ToListAsync(ct);

    // One page of everything, newest first, before an instant (null: from now). Entry text stays out: the
    // timeline shows what happened, not notes. One more than asked for is read, to know whether there is more.
    public static async Task<List<TimelineEvent>> TimelineAsync(AppDbContext db, string userId, IEnumerable<Administration> administrations, int count, DateTimeOffset? before, CancellationToken ct)
    {
        var entries = await db.ActivationEntries.OwnedBy(userId).AsNoTracking().Where(e => before == null || e.OccurredAt < before)
            .OrderByDescending(e => e.OccurredAt).Take(count + 1).ToListAsync(ct);
        var expectations = await db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == userId && (before == null || e.RecordedAt < before))
            .OrderByDescending(e => e.RecordedAt).Take(count + 1).ToListAsync(ct);
        var absences = await TherapistCancellationsAsync(db, userId, ct);
        return absences.Concat(entries.Select(e => new TimelineEvent(e.OccurredAt, "Moment", $"{Labels.Brief(e.Pull)}, intensity {e.Intensity}: {Labels.Of(e.Response).ToLowerInvariant()}", $"/Log/Edit/{e.Id}"))
            .Concat(administrations.Select(a => new TimelineEvent(a.CompletedAt!.Value, "Questionnaire", $"Completed the {a.InstrumentId.ToUpperInvariant()}", $"/Questionnaires/Result/{a.Id}")))
            .Concat(expectations.Select(Describe)))
            .Where(e => before is null || e.When < before)
            .OrderByDescending(e => e.When).Take(count + 1).ToList();
    }

    // Sessions the therapist cancelled, at the time they were due: a therapist's absence is itself an attachment-relevant event.
    static async Task<List<TimelineEvent>> TherapistCancellationsAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        var byTherapist = SecureBase.Core.Scheduling.ChangedBy.Therapist;
        var occurrences = await (from c in db.OccurrenceChanges.AsNoTracking()
                                 join s in db.StandingSeries on c.SeriesId equals s.Id
                                 where s.ClientId == userId && c.Cancelled && c.ChangedBy == byTherapist
                                 select new { c.OriginalDate, c.MovedToDate, c.MovedToTime, c.Reason, s.Time, s.TimeZoneId }).ToListAsync(ct);
        var sessions = await db.OneOffSessions.AsNoTracking().Where(s => s.ClientId == userId && s.CancelledBy == byTherapist).ToListAsync(ct);
        return occurrences.Select(o =>
            {
                var local = (o.MovedToDate ?? o.OriginalDate).ToDateTime(o.MovedToTime ?? o.Time);
                var when = SecureBase.Core.Time.LocalTimes.ToInstant(NodaTime.LocalDateTime.FromDateTime(local), SecureBase.Core.Time.Zones.Find(o.TimeZoneId)).ToDateTimeOffset();
                return Cancelled(when, o.Reason);
            })
            .Concat(sessions.Select(s => Cancelled(s.Start, s.Reason))).ToList();
    }

    static TimelineEvent Cancelled(DateTimeOffset when, string? reason) =>
        new(when, "Session", "Your therapist cancelled this session" + (reason is null ? "" : $" ({reason})"), "/Sessions");

    static TimelineEvent Describe(ExpectationEntry e) => e switch
    {
        { CorrectiveKind: { } kind } => new(e.RecordedAt, "Corrective experience", $"{ExpectationLabels.Of(kind)} ({Labels.Of(e.Relationship)})", "/Expectations"),
        { Outcome: { } outcome } => new(e.RecordedAt, "Expectation", $"{Labels.Of(e.Relationship)}: expected {e.ExpectedCarePercent}% care; {ExpectationLabels.Of(outcome).ToLowerInvariant()}", "/Expectations"),
        _ => new(e.RecordedAt, "Expectation", $"{Labels.Of(e.Relationship)}: expected {e.ExpectedCarePercent}% care; outcome not noted yet", $"/Expectations/Outcome/{e.Id}"),
    };
}
