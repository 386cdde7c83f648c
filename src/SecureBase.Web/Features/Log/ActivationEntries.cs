using Microsoft.EntityFrameworkCore;
using SecureBase.Core.ActivationLog;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Log;

public static class ActivationEntries
{
    public static IQueryable<ActivationEntry> OwnedBy(this IQueryable<ActivationEntry> query, string userId) =>
        query.Where(e => e.UserId == userId);

    // The default relationship for a quick entry is the one used last, shown on the form; with none, "not
    // said" (a quick log used to become "Partner" unseen, and partner figures counted moments with anyone).
    public static async Task<Relationship> LastRelationshipAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await db.ActivationEntries.OwnedBy(userId).OrderByDescending(e => e.CreatedAt).Select(e => (Relationship?)e.Relationship).FirstOrDefaultAsync(ct)
        ?? Relationship.NotSaid;

    public static Task<bool> HasClientIdAsync(AppDbContext db, string userId, Guid clientId, CancellationToken ct) =>
        db.ActivationEntries.AnyAsync(e => e.UserId == userId && e.ClientId == clientId, ct);

    public static async Task<ActivationEntry> SaveAsync(AppDbContext db, PersonalText text, TimeProvider clock, string userId,
        ActivationEntry? existing, ActivationInput input, DateTimeOffset occurredAt, Relationship defaultRelationship, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = existing ?? new ActivationEntry { Id = Guid.NewGuid(), UserId = userId, CreatedAt = now, ClientId = input.ClientId };
        entry.OccurredAt = occurredAt;
        entry.Relationship = input.Relationship ?? defaultRelationship;
        entry.EncryptedRelationshipLabel = await text.EncryptAsync(userId, input.RelationshipLabel?.Trim(), ct);
        entry.Pull = input.Pull!.Value;
        entry.Intensity = input.Intensity!.Value;
        entry.Response = input.Response!.Value;
        entry.Noticed = input.Noticed;
        entry.NewResponseKind = input.Response == ResponseChoice.PausedAndChoseNew ? input.NewResponseKind : null;
        entry.SettledMinutes = input.SettledMinutes;
        entry.EncryptedNote = await text.EncryptAsync(userId, input.Note, ct);
        entry.UpdatedAt = now;
        if (existing is null) db.ActivationEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
