using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Clients;

public sealed record MomentRow(Guid Id, DateTimeOffset OccurredAt, ActivationEntry Entry, bool NoteShared);

// The client's logged moments without their notes; a note the client shared is one link away.
public sealed class MomentsModel(AppDbContext db, ClinicalAccess access) : ClientPageModel(db, access)
{
    public const int Shown = 200;

    public override ConsentScope Scope => ConsentScope.ActivationEntries;

    public IReadOnlyList<MomentRow> Moments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await GuardAsync(clientId, "ActivationEntries", null) is { } refused) return refused;
        var therapistId = User.Id();
        var sharedIds = await Db.SharedNotes.Where(n => Db.CareRelationships.Any(r => r.Id == n.RelationshipId && r.TherapistId == therapistId && r.ClientId == clientId && r.EndedAt == null))
            .Select(n => n.EntryId).ToListAsync(Ct);
        // Only the columns without free text leave the database.
        var entries = await Db.ActivationEntries.AsNoTracking().Where(e => e.UserId == clientId).OrderByDescending(e => e.OccurredAt).Take(Shown)
            .Select(e => new ActivationEntry { Id = e.Id, UserId = e.UserId, OccurredAt = e.OccurredAt, Relationship = e.Relationship, Pull = e.Pull, Intensity = e.Intensity,
                Noticed = e.Noticed, Response = e.Response, NewResponseKind = e.NewResponseKind, SettledMinutes = e.SettledMinutes })
            .ToListAsync(Ct);
        Moments = entries.Select(e => new MomentRow(e.Id, e.OccurredAt, e, sharedIds.Contains(e.Id))).ToList();
        return Page();
    }
}
