using Microsoft.EntityFrameworkCore;
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
    IReadOnlyList<ExpectationExport> Expectations);

public sealed record ProfileExport(string Email, string TimeZone, DateTimeOffset CreatedAt);

public sealed record AdministrationExport(Guid Id, string Instrument, string InstrumentVersion, string? Relationship,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, IReadOnlyDictionary<string, int> Answers, IReadOnlyDictionary<string, double?> Scores);

public sealed record ActivationExport(Guid Id, DateTimeOffset OccurredAt, string Relationship, string? RelationshipLabel, string Pull,
    int Intensity, string? Noticed, string Response, string? NewResponse, int? SettledMinutes, string? Note);

public sealed record ExpectationExport(Guid Id, DateTimeOffset RecordedAt, string Relationship, string? RelationshipLabel, string? Plan,
    int? ExpectedCarePercent, string? CorrectiveKind, string? Outcome, DateTimeOffset? OutcomeAt, string? Feeling);

public static class MyDataExport
{
    public static async Task<ExportDocument> BuildAsync(AppDbContext db, PersonalText text, AppUser user, DateTimeOffset now, CancellationToken ct)
    {
        async Task<string?> Open(byte[]? data) => (await text.DecryptAsync(user.Id, data, ct)).Text;

        var administrations = await db.Administrations.AsNoTracking().Where(a => a.SubjectId == user.Id)
            .Include(a => a.Responses).Include(a => a.Scores).OrderBy(a => a.StartedAt).ToListAsync(ct);
        var activations = new List<ActivationExport>();
        foreach (var e in await db.ActivationEntries.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.OccurredAt).ToListAsync(ct))
            activations.Add(new(e.Id, e.OccurredAt, e.Relationship.ToString(), await Open(e.EncryptedRelationshipLabel), e.Pull.ToString(), e.Intensity,
                e.Noticed?.ToString(), e.Response.ToString(), e.NewResponseKind?.ToString(), e.SettledMinutes, await Open(e.EncryptedNote)));
        var expectations = new List<ExpectationExport>();
        foreach (var e in await db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.RecordedAt).ToListAsync(ct))
            expectations.Add(new(e.Id, e.RecordedAt, e.Relationship.ToString(), await Open(e.EncryptedRelationshipLabel), await Open(e.EncryptedPlan),
                e.ExpectedCarePercent, e.CorrectiveKind?.ToString(), e.Outcome?.ToString(), e.OutcomeAt, await Open(e.EncryptedFeeling)));

        return new ExportDocument("securebase-export/1", now, new ProfileExport(user.Email!, user.TimeZoneId, user.CreatedAt),
            administrations.Select(a => new AdministrationExport(a.Id, a.InstrumentId, a.InstrumentVersion, a.TargetId, a.StartedAt, a.CompletedAt,
                a.Responses.OrderBy(r => r.ItemId, StringComparer.Ordinal).ToDictionary(r => r.ItemId, r => r.Value),
                a.Scores.ToDictionary(s => s.ScaleId, s => s.Value))).ToList(),
            activations, expectations);
    }
}
