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

    // Only the columns the weekly metrics use: no ciphertext leaves the database for this.
    public static Task<List<Activation>> ActivationsAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.ActivationEntries.OwnedBy(userId)
            .Select(e => new Activation(e.OccurredAt, e.Intensity, e.Noticed, e.Response, e.SettledMinutes))
            .ToListAsync(ct);

    // One list of everything, newest first. Entry text stays out: the timeline shows what happened, not notes.
    public static async Task<List<TimelineEvent>> TimelineAsync(AppDbContext db, string userId, IEnumerable<Administration> administrations, int count, CancellationToken ct)
    {
        var entries = await db.ActivationEntries.OwnedBy(userId).AsNoTracking().OrderByDescending(e => e.OccurredAt).Take(count).ToListAsync(ct);
        var expectations = await db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.RecordedAt).Take(count).ToListAsync(ct);
        return entries.Select(e => new TimelineEvent(e.OccurredAt, "Moment", $"{Labels.Brief(e.Pull)}, intensity {e.Intensity}: {Labels.Of(e.Response).ToLowerInvariant()}", $"/Log/Edit/{e.Id}"))
            .Concat(administrations.Select(a => new TimelineEvent(a.CompletedAt!.Value, "Questionnaire", $"Completed the {a.InstrumentId.ToUpperInvariant()}", $"/Questionnaires/Result/{a.Id}")))
            .Concat(expectations.Select(Describe))
            .OrderByDescending(e => e.When).Take(count).ToList();
    }

    static TimelineEvent Describe(ExpectationEntry e) => e switch
    {
        { CorrectiveKind: { } kind } => new(e.RecordedAt, "Corrective experience", $"{ExpectationLabels.Of(kind)} ({Labels.Of(e.Relationship)})", "/Expectations"),
        { Outcome: { } outcome } => new(e.RecordedAt, "Expectation", $"{Labels.Of(e.Relationship)}: expected {e.ExpectedCarePercent}% care; {ExpectationLabels.Of(outcome).ToLowerInvariant()}", "/Expectations"),
        _ => new(e.RecordedAt, "Expectation", $"{Labels.Of(e.Relationship)}: expected {e.ExpectedCarePercent}% care; outcome not noted yet", $"/Expectations/Outcome/{e.Id}"),
    };
}
