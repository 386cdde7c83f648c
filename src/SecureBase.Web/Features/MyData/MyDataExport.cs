using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.MyData;

// Everything SecureBase holds about one person, decrypted for them: the right to a copy.
public sealed record ExportDocument(
    string Format,
    DateTimeOffset ExportedAt,
    ProfileExport Profile,
    IReadOnlyList<AdministrationExport> Questionnaires,
    IReadOnlyList<ActivationExport> ActivationLog,
    IReadOnlyList<ExpectationExport> Expectations,
    IReadOnlyList<SharingExport> Sharing,
    IReadOnlyList<AccessExport> AccessLog);

// Times are given twice: the instant (UTC) and the same moment on the person's own clock, with its offset.
// The crisis line is the person's own (null when they use the server's default).
public sealed record ProfileExport(string Email, string TimeZone, DateTimeOffset CreatedAt, string? CrisisLineText, string? CrisisLineNumber);

public sealed record AdministrationExport(Guid Id, string Instrument, string InstrumentVersion, string? Relationship, string? RelationshipName,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, string? CompletedAtLocal, IReadOnlyDictionary<string, int> Answers, IReadOnlyList<ScoreExport> Scores);

// A subscale or composite score: how many of its items were answered, and whether it was prorated (ADR 0003).
public sealed record ScoreExport(string Scale, double? Value, int? Answered, int? Items, bool Prorated);

public sealed record ActivationExport(Guid Id, DateTimeOffset OccurredAt, string OccurredAtLocal, string Relationship, string? RelationshipLabel, string Pull,
    int Intensity, string? Noticed, string Response, string? NewResponse, int? SettledMinutes, string? Note);

public sealed record ExpectationExport(Guid Id, DateTimeOffset RecordedAt, string RecordedAtLocal, string Relationship, string? RelationshipLabel, string? Plan,
    int? ExpectedCarePercent, string? CorrectiveKind, string? Outcome, DateTimeOffset? OutcomeAt, string? OutcomeAtLocal, string? Feeling);

// Each therapist the person works (or worked) with: what they share now, and which notes.
public sealed record SharingExport(Guid RelationshipId, string Practice, string Therapist, DateTimeOffset Started, DateTimeOffset? Ended,
    IReadOnlyList<string> Scopes, IReadOnlyList<Guid> SharedNotes);

// Every time someone else opened, or tried to open, this person's data.
public sealed record AccessExport(DateTimeOffset At, string Who, string Role, string Kind, string? ResourceId, string Scope, string Action, bool Allowed);

public static class MyDataExport
{
    public static async Task<ExportDocument> BuildAsync(AppDbContext db, PersonalText text, AppUser user, DateTimeOffset now, CancellationToken ct)
    {
        async Task<string?> Open(byte[]? data) => (await text.DecryptAsync(user.Id, data, ct)).Text;
        var zone = Zones.Find(user.TimeZoneId);
        string Local(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(zone).ToDateTimeOffset()
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        var administrations = await db.Administrations.AsNoTracking().Where(a => a.SubjectId == user.Id)
            .Include(a => a.Responses).Include(a => a.Scores).OrderBy(a => a.StartedAt).ToListAsync(ct);
        var activations = new List<ActivationExport>();
        foreach (var e in await db.ActivationEntries.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.OccurredAt).ToListAsync(ct))
            activations.Add(new(e.Id, e.OccurredAt, Local(e.OccurredAt), e.Relationship.ToString(), await Open(e.EncryptedRelationshipLabel), e.Pull.ToString(), e.Intensity,
                e.Noticed?.ToString(), e.Response.ToString(), e.NewResponseKind?.ToString(), e.SettledMinutes, await Open(e.EncryptedNote)));
        var expectations = new List<ExpectationExport>();
        foreach (var e in await db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.RecordedAt).ToListAsync(ct))
            expectations.Add(new(e.Id, e.RecordedAt, Local(e.RecordedAt), e.Relationship.ToString(), await Open(e.EncryptedRelationshipLabel), await Open(e.EncryptedPlan),
                e.ExpectedCarePercent, e.CorrectiveKind?.ToString(), e.Outcome?.ToString(), e.OutcomeAt, e.OutcomeAt is { } o ? Local(o) : null, await Open(e.EncryptedFeeling)));
        var questionnaires = new List<AdministrationExport>();
        foreach (var a in administrations)
            questionnaires.Add(new(a.Id, a.InstrumentId, a.InstrumentVersion, a.TargetId, await Open(a.EncryptedTargetLabel), a.StartedAt, a.CompletedAt,
                a.CompletedAt is { } c ? Local(c) : null,
                a.Responses.OrderBy(r => r.ItemId, StringComparer.Ordinal).ToDictionary(r => r.ItemId, r => r.Value),
                a.Scores.OrderBy(s => s.IsComposite).ThenBy(s => s.ScaleId, StringComparer.Ordinal).Select(s => new ScoreExport(s.ScaleId, s.Value,
                    s.IsComposite ? null : s.Answered, s.IsComposite ? null : s.ItemCount, !s.IsComposite && s.Value is not null && s.Answered < s.ItemCount)).ToList()));

        var relationships = await (from r in db.CareRelationships.AsNoTracking()
                                   join p in db.Practices on r.PracticeId equals p.Id
                                   join t in db.Users on r.TherapistId equals t.Id
                                   where r.ClientId == user.Id
                                   orderby r.StartedAt
                                   select new { r.Id, Practice = p.Name, Therapist = t.Email, r.StartedAt, r.EndedAt }).ToListAsync(ct);
        var ids = relationships.Select(r => r.Id).ToList();
        var grants = (await db.ConsentGrants.AsNoTracking().Where(g => ids.Contains(g.RelationshipId)).ToListAsync(ct)).ToLookup(g => g.RelationshipId, g => g.Scope.ToString());
        var notes = (await db.SharedNotes.AsNoTracking().Where(n => ids.Contains(n.RelationshipId)).ToListAsync(ct)).ToLookup(n => n.RelationshipId, n => n.EntryId);
        var sharing = relationships.Select(r => new SharingExport(r.Id, r.Practice, r.Therapist ?? "", r.StartedAt, r.EndedAt, grants[r.Id].Order(StringComparer.Ordinal).ToList(), notes[r.Id].ToList())).ToList();
        var audit = (await Sharing.ClientAuditRows.AboutAsync(db, user.Id, null, ct)).AsEnumerable().Reverse().ToList();
        var actors = audit.Select(a => a.ActorId).Distinct().ToList();
        var emails = await db.Users.Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        var accessLog = audit.Select(a => new AccessExport(a.At, emails.GetValueOrDefault(a.ActorId, "(deleted account)"), a.ActorRole, a.ResourceKind, a.ResourceId, a.Scope, a.Action, a.Allowed)).ToList();

        return new ExportDocument("securebase-export/3", now, new ProfileExport(user.Email!, zone.Id, user.CreatedAt,
            await Open(user.EncryptedCrisisText), await Open(user.EncryptedCrisisNumber)), questionnaires, activations, expectations, sharing, accessLog);
    }
}
