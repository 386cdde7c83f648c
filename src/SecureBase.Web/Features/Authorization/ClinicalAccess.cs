using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Audit;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Practices;

namespace SecureBase.Web.Features.Authorization;

// A piece of one client's clinical data: whose, under which consent scope, what kind of thing and its
// id (for the audit row), and for a shared note the entry.
public sealed record ClinicalResource(string ClientId, ConsentScope Scope, string Kind, string? Id, Guid? EntryId = null);

public sealed class ClinicalOperation(Operation operation) : IAuthorizationRequirement
{
    public Operation Operation { get; } = operation;

    public static readonly ClinicalOperation Read = new(Operation.Read);
    public static readonly ClinicalOperation Write = new(Operation.Write);
    public static readonly ClinicalOperation OpenOwnPage = new(Operation.OpenOwnPage);

    // The client's own pages: opening one (GET) or changing through it (POST); either way the client's alone.
    public static ClinicalOperation ForOwnPage(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? OpenOwnPage : Write;
}

// The resource-based handler: loads the relationship and consent fresh, asks Core's Access.Decide, and
// writes exactly one audit row for anyone but the client, allowed or not, before the page answers.
public sealed class ClinicalAccessHandler(AppDbContext db, Viewers viewers, TimeProvider clock, IHttpContextAccessor http)
    : AuthorizationHandler<ClinicalOperation, ClinicalResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ClinicalOperation requirement, ClinicalResource resource)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        var ct = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        var viewer = await viewers.CurrentAsync(context.User, ct);
        var rule = new ClientResource(resource.ClientId, resource.Scope, resource.EntryId);
        if (viewer.UserId == resource.ClientId)
        {
            if (Access.Decide(viewer, rule, requirement.Operation, null, ConsentSnapshot.None).Allowed) context.Succeed(requirement);
            return;
        }

        // Their current relationship with this client if there is one, else the latest that ended.
        var row = await db.CareRelationships.AsNoTracking()
            .Where(r => r.TherapistId == viewer.UserId && r.ClientId == resource.ClientId)
            .OrderBy(r => r.EndedAt != null).ThenByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        var relationship = row is null ? null : new CareRelationship(row.PracticeId, row.TherapistId, row.ClientId, row.StartedAt, row.EndedAt);
        var consent = ConsentSnapshot.None;
        if (row is not null)
        {
            var scopes = await db.ConsentGrants.Where(g => g.RelationshipId == row.Id).Select(g => g.Scope).ToListAsync(ct);
            var notes = resource.EntryId is { } entry
                ? await db.SharedNotes.Where(n => n.RelationshipId == row.Id && n.EntryId == entry).Select(n => n.EntryId).ToListAsync(ct)
                : [];
            consent = new ConsentSnapshot(scopes.ToHashSet(), notes.ToHashSet());
        }
        var decision = Access.Decide(viewer, rule, requirement.Operation, relationship, consent);

        var practiceId = row?.PracticeId ?? (viewer.Memberships.Count > 0 ? viewer.Memberships[0].PracticeId : null);
        var fields = new AuditFields(0, AuditLog.StorableTime(clock.GetUtcNow()), viewer.UserId, Viewers.RoleOf(viewer, practiceId), resource.ClientId,
            resource.Kind, resource.Id, resource.Scope.ToString(), ActionName(requirement.Operation), decision.Allowed,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        await AuditLog.AppendAsync(db, practiceId ?? Guid.Empty, fields, ct);
        if (decision.Allowed) context.Succeed(requirement);
        else http.HttpContext?.Items.TryAdd(typeof(Decision), decision);
    }

    static string ActionName(Operation operation) => operation switch
    {
        Operation.Read => "read",
        Operation.Write => "write",
        _ => "open",
    };
}

// What pages call: one question, one answer. The reason for a refusal is kept for the page to choose
// between "not shared with you" (their own therapist) and not found (everyone else).
public sealed class ClinicalAccess(IAuthorizationService authorization, IHttpContextAccessor http)
{
    public async Task<bool> AllowsAsync(ClaimsPrincipal user, ClinicalResource resource, ClinicalOperation operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;

    // Many clients at once (the caseload): the handler fills batch.Allowed, and audits one row per client.
    public async Task DecideAsync(ClaimsPrincipal user, ClinicalBatch batch) =>
        await authorization.AuthorizeAsync(user, batch, ClinicalOperation.Read);

    // A therapist's own records about a client (event notes, flag acknowledgements); audited.
    public async Task<bool> MayKeepRecordsAsync(ClaimsPrincipal user, TherapistRecords records, RecordOperation operation) =>
        (await authorization.AuthorizeAsync(user, records, operation)).Succeeded;

    // Refused because the client has not shared this (as opposed to: no business asking at all).
    public bool LastRefusalWasNotShared =>
        http.HttpContext?.Items[typeof(Decision)] is Decision { Reason: DenialReason.ScopeNotGranted or DenialReason.NoteNotShared };
}
