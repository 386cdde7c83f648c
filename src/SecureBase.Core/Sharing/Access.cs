namespace SecureBase.Core.Sharing;

/// <summary>A person's place in a practice: owner or therapist; inactive once deactivated.</summary>
public enum PracticeRole
{
    Owner,
    Therapist,
}

/// <summary>One membership of the person asking, in one practice.</summary>
public sealed record Membership(Guid PracticeId, PracticeRole Role, bool Active);

/// <summary>
/// The person asking: their user id, whether this session passed a second factor, and their
/// memberships (none for a client).
/// </summary>
public sealed record Viewer(string UserId, bool MfaSatisfied, IReadOnlyList<Membership> Memberships);

/// <summary>
/// A therapist's work with one client in one practice. <see cref="Ended"/> is set when either side
/// ends it; from then on the therapist sees nothing.
/// </summary>
public sealed record CareRelationship(Guid PracticeId, string TherapistId, string ClientId, DateTimeOffset Started, DateTimeOffset? Ended);

/// <summary>
/// What the client has granted to this relationship right now: the scopes, and the entries whose note
/// text they chose to share. Read fresh for every request: a revocation has no grace period.
/// </summary>
public sealed record ConsentSnapshot(IReadOnlySet<ConsentScope> Granted, IReadOnlySet<Guid> SharedEntries)
{
    /// <summary>Nothing shared: the state of every new relationship.</summary>
    public static ConsentSnapshot None { get; } = new(new HashSet<ConsentScope>(), new HashSet<Guid>());
}

/// <summary>Whose data, and for <see cref="ConsentScope.SharedNote"/> which entry.</summary>
public sealed record ClientResource(string ClientId, ConsentScope Scope, Guid? EntryId = null);

/// <summary>Why access was refused; <see cref="None"/> when it was allowed.</summary>
public enum DenialReason
{
    None,
    NoRelationship,
    RelationshipEnded,
    NotAMemberOfThePractice,
    MembershipDeactivated,
    SecondFactorRequired,
    ScopeNotGranted,
    NoteNotShared,
    OnlyTheClientWrites,
}

/// <summary>The answer: allowed, or refused with the reason (for the audit trail, never shown to the asker).</summary>
public sealed record Decision(bool Allowed, DenialReason Reason)
{
    public static Decision Allow { get; } = new(true, DenialReason.None);

    public static Decision Deny(DenialReason reason) => new(false, reason);
}

/// <summary>
/// The one rule for who may see what of a client's clinical data, shaped like ploeh's
/// <c>MaîtreD.CanAccept</c>: everything it needs comes in, a value comes out. ASP.NET Core
/// authorization handlers load the relationship and consent and call it; pages never decide.
/// Rules, in order: a client may read and change all their own data; anyone else needs a second
/// factor, an active relationship with the client as their therapist, an active membership of that
/// relationship's practice, and the scope granted (for note text: that very entry shared); nobody but
/// the client writes their data; a practice owner who is not the client's therapist sees nothing.
/// Source: issue 7; shared/reference/security-and-reliability.md §1 items 1–2, goals G1, G3, G7.
/// </summary>
public static class Access
{
    public static Decision Decide(Viewer viewer, ClientResource resource, Operation operation, CareRelationship? relationship, ConsentSnapshot consent)
    {
        if (viewer.UserId == resource.ClientId) return Decision.Allow;
        if (!viewer.MfaSatisfied) return Decision.Deny(DenialReason.SecondFactorRequired);
        if (relationship is null || relationship.ClientId != resource.ClientId || relationship.TherapistId != viewer.UserId)
            return Decision.Deny(DenialReason.NoRelationship);
        if (relationship.Ended is not null) return Decision.Deny(DenialReason.RelationshipEnded);
        var membership = viewer.Memberships.FirstOrDefault(m => m.PracticeId == relationship.PracticeId);
        if (membership is null) return Decision.Deny(DenialReason.NotAMemberOfThePractice);
        if (!membership.Active) return Decision.Deny(DenialReason.MembershipDeactivated);
        if (operation != Operation.Read) return Decision.Deny(DenialReason.OnlyTheClientWrites);
        if (resource.Scope == ConsentScope.SharedNote)
            return resource.EntryId is { } entry && consent.SharedEntries.Contains(entry) ? Decision.Allow : Decision.Deny(DenialReason.NoteNotShared);
        return consent.Granted.Contains(resource.Scope) ? Decision.Allow : Decision.Deny(DenialReason.ScopeNotGranted);
    }

    /// <summary>
    /// Running a practice (its members, therapist invitations, its audit log): an active owner of
    /// that practice whose session passed a second factor.
    /// </summary>
    public static bool MayManagePractice(Viewer viewer, Guid practiceId) =>
        viewer.MfaSatisfied && viewer.Memberships.Any(m => m.PracticeId == practiceId && m.Active && m.Role == PracticeRole.Owner);

    /// <summary>
    /// Inviting clients and keeping a caseload in a practice: any active member (owner or therapist)
    /// whose session passed a second factor. What they then see of a client is <see cref="Decide"/>'s answer.
    /// </summary>
    public static bool MayTakeClients(Viewer viewer, Guid practiceId) =>
        viewer.MfaSatisfied && viewer.Memberships.Any(m => m.PracticeId == practiceId && m.Active);

    /// <summary>
    /// A therapist's own records about a client (event notes on the timeline, acknowledged caseload flags):
    /// the relationship's therapist, while it lasts, as an active member of its practice, with a second
    /// factor. The client's consent scopes do not govern them (they are the therapist's notes, not the
    /// client's data, and the client never sees them); everyone else, the owner included, is refused.
    /// Source: issue 9 ("event notes", "a flag can be acknowledged").
    /// </summary>
    public static Decision MayKeepRecords(Viewer viewer, CareRelationship? relationship)
    {
        if (!viewer.MfaSatisfied) return Decision.Deny(DenialReason.SecondFactorRequired);
        if (relationship is null || relationship.TherapistId != viewer.UserId) return Decision.Deny(DenialReason.NoRelationship);
        if (relationship.Ended is not null) return Decision.Deny(DenialReason.RelationshipEnded);
        var membership = viewer.Memberships.FirstOrDefault(m => m.PracticeId == relationship.PracticeId);
        if (membership is null) return Decision.Deny(DenialReason.NotAMemberOfThePractice);
        return membership.Active ? Decision.Allow : Decision.Deny(DenialReason.MembershipDeactivated);
    }
}

/// <summary>Who a session (one-off or an occurrence of a series) belongs to: its practice, therapist and client (null until the person is a client).</summary>
public sealed record SessionParties(Guid PracticeId, string TherapistId, string? ClientId);

/// <summary>What the person asking is to a session.</summary>
public enum SessionRole
{
    None,
    Therapist,
    Client,
}

/// <summary>
/// Scheduling's access rule: a session's therapist keeps it (approve, move, cancel, mark attendance) while an
/// active member of its practice with a second factor; its client sees it and may move or cancel it (within
/// the notice the practice sets, a scheduling rule); everyone else, the practice owner included, has no part
/// in it. The therapist's own booking settings and requests follow the same rule with no client.
/// Source: issue 8; shared/reference/security-and-reliability.md goal G1.
/// </summary>
public static class SessionAccess
{
    public static SessionRole RoleIn(Viewer viewer, SessionParties session)
    {
        if (viewer.UserId == session.TherapistId) return Access.MayTakeClients(viewer, session.PracticeId) ? SessionRole.Therapist : SessionRole.None;
        return session.ClientId is not null && viewer.UserId == session.ClientId ? SessionRole.Client : SessionRole.None;
    }
}
