using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Charts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Questionnaires;

// Read → decide (Core) → write for a person's questionnaire sittings. Every query is scoped to the
// owner, so another person's id simply is not found.
public static class Administrations
{
    public static IQueryable<Administration> OwnedBy(this IQueryable<Administration> query, string userId) =>
        query.Where(a => a.SubjectId == userId);

    public static async Task<Administration> StartAsync(AppDbContext db, TimeProvider clock, string userId, InstrumentPack pack, string? targetId,
        byte[]? encryptedTargetLabel, CancellationToken ct)
    {
        var administration = new Administration
        {
            Id = Guid.NewGuid(), SubjectId = userId, InstrumentId = pack.Id, InstrumentVersion = pack.Version,
            TargetId = targetId, EncryptedTargetLabel = encryptedTargetLabel, StartedAt = clock.GetUtcNow(),
        };
        db.Administrations.Add(administration);
        await db.SaveChangesAsync(ct);
        return administration;
    }

    // Saves the answers given on one page; an item left blank on the page clears an earlier answer.
    public static async Task SaveAnswersAsync(AppDbContext db, Administration administration, IEnumerable<Item> pageItems,
        IReadOnlyDictionary<string, int> answers, CancellationToken ct)
    {
        foreach (var item in pageItems)
        {
            var existing = administration.Responses.FirstOrDefault(r => r.ItemId == item.Id);
            var given = answers.TryGetValue(item.Id, out var value);
            if (existing is not null && given) existing.Value = value;
            else if (existing is not null) administration.Responses.Remove(existing);
            else if (given) administration.Responses.Add(new ItemResponse { AdministrationId = administration.Id, ItemId = item.Id, Value = value });
        }
        await db.SaveChangesAsync(ct);
    }

    public static async Task<InstrumentScore> CompleteAsync(AppDbContext db, TimeProvider clock, InstrumentPack pack, Administration administration, CancellationToken ct)
    {
        var score = Scoring.Score(pack, administration.ToAnswerSheet()).Score ?? throw new InvalidOperationException("Stored answers no longer fit the pack.");
        administration.Complete(score, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return score;
    }

    // An administration for its owner's own pages: null when it does not exist or the one access rule
    // refuses this person (anyone but the owner; the refusal is audited).
    public static async Task<Administration?> FindForOwnPageAsync(AppDbContext db, Authorization.ClinicalAccess access, System.Security.Claims.ClaimsPrincipal user,
        Guid id, Core.Sharing.ConsentScope scope, CancellationToken ct, Authorization.ClinicalOperation? operation = null)
    {
        var administration = await db.Administrations.Include(a => a.Responses).Include(a => a.Scores).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (administration is null) return null;
        var resource = new Authorization.ClinicalResource(administration.SubjectId, scope, "Administration", id.ToString());
        return await access.AllowsAsync(user, resource, operation ?? Authorization.ClinicalOperation.OpenOwnPage) ? administration : null;
    }

    // Completed administrations as points on the plane, in the order given; those without both scores are left out.
    public static List<PlanePointAt> PlanePath(IEnumerable<Administration> history, PlaneAxes axes) =>
        history.Where(a => a.ScoreOf(axes.AnxietySubscaleId) is not null && a.ScoreOf(axes.AvoidanceSubscaleId) is not null)
            .Select(a => new PlanePointAt(a.CompletedAt!.Value, a.ScoreOf(axes.AnxietySubscaleId)!.Value, a.ScoreOf(axes.AvoidanceSubscaleId)!.Value))
            .ToList();

    // "Best friend", or "Another person (named): Sam" with the name decrypted for its owner.
    public static async Task<string?> TargetAsync(PersonalText text, InstrumentPack pack, Administration administration, CancellationToken ct)
    {
        var label = pack.Targets.FirstOrDefault(t => t.Id == administration.TargetId)?.Label;
        var name = (await text.DecryptAsync(administration.SubjectId, administration.EncryptedTargetLabel, ct)).Text;
        return name is null ? label : $"{label}: {name}";
    }

    // Which history a sitting belongs to: its instrument and relationship and, for "another person",
    // the person: Sam and Alex are two histories, "Sam" and " sam " one. Every view that compares
    // sittings (result, progress, verdicts) groups by this, so no verdict compares Alex with Sam.
    public static async Task<ILookup<TrackKey, Administration>> TracksAsync(PersonalText text, IEnumerable<Administration> administrations, CancellationToken ct)
    {
        var keyed = new List<(TrackKey, Administration)>();
        foreach (var a in administrations)
        {
            var name = a.EncryptedTargetLabel is null ? null : (await text.DecryptAsync(a.SubjectId, a.EncryptedTargetLabel, ct)).Text;
            keyed.Add((new TrackKey(a.InstrumentId, a.TargetId, PersonKey(name)), a));
        }
        return keyed.ToLookup(k => k.Item1, k => k.Item2);
    }

    static string? PersonKey(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

public sealed record TrackKey(string InstrumentId, string? TargetId, string? Person);
