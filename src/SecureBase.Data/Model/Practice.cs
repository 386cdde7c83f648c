using SecureBase.Core.Sharing;

namespace SecureBase.Data.Model;

// A practice: the tenant. Every practice-scoped row below carries PracticeId, so a PostgreSQL
// deployment can later be distributed by it.
public sealed class Practice
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string TimeZoneId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Handle { get; set; }                  // its part of public booking addresses: /book/{handle}/…
    public int ClientChangeNoticeHours { get; set; } = 24;   // clients move or cancel a session themselves up to this long before it
    public string CalendarTitle { get; set; } = "Appointment";   // the title of every session in calendars and invitations: discreet by default
    public string ReminderOffsets { get; set; } = "1440,120";    // minutes before a session that a reminder goes out, comma-separated; "" = none
}

// A person's place in a practice. Deactivation keeps the row (the audit trail names them) and ends access.
public sealed class PracticeMember
{
    public Guid PracticeId { get; set; }
    public required string UserId { get; set; }
    public PracticeRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
}

// A therapist's work with one client. Ended by either side; the client keeps every row of their data.
public sealed class CareRelationshipRow
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public required string ClientId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
}

// One scope the client has granted to one relationship, now. Revoking deletes the row.
public sealed class ConsentGrant
{
    public Guid PracticeId { get; set; }
    public Guid RelationshipId { get; set; }
    public ConsentScope Scope { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

// The note of one activation entry, shared with one relationship's therapist. Private unless a row exists.
public sealed class SharedNote
{
    public Guid PracticeId { get; set; }
    public Guid RelationshipId { get; set; }
    public Guid EntryId { get; set; }
    public DateTimeOffset SharedAt { get; set; }
}

public enum InvitationKind
{
    Therapist,
    Client,
}

// An emailed, single-use invitation. Only the SHA-256 of its token is stored: a database dump opens nothing.
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public InvitationKind Kind { get; set; }
    public required string Email { get; set; }
    public required string InvitedBy { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

// One audited access to a client's data by someone else. ChainId is the practice's id (Guid.Empty for
// people in no practice); Sequence numbers each chain from 1. Append-only: nothing updates or deletes it.
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid ChainId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorRole { get; set; }
    public required string ClientId { get; set; }
    public required string ResourceKind { get; set; }
    public string? ResourceId { get; set; }
    public required string Scope { get; set; }
    public required string Action { get; set; }
    public bool Allowed { get; set; }
    public string? Address { get; set; }
    // A row for many clients at once (ClientId empty): who they were and what was read of each (AuditSubjects).
    public string? Subjects { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

// One questionnaire a therapist has scheduled for a client in their relationship (Core MeasureRule).
// Changing a rule replaces the row with a new Since: a schedule changed mid-way counts from the change.
public sealed class MeasureScheduleRow
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public Guid RelationshipId { get; set; }
    public required string InstrumentId { get; set; }
    public string? TargetId { get; set; }
    public bool AtIntake { get; set; }
    public int? EveryWeeks { get; set; }
    public DateOnly Since { get; set; }
    public DateTimeOffset SetAt { get; set; }
}

// What a therapist's event note records (issue 9): the relationship's own events, beside the client's measures.
public enum TherapistEventKind
{
    Rupture,
    Repair,
    BreakAnnounced,
    Holiday,
    Other,
}

// A therapist's own note on a client's timeline. The text is encrypted with the therapist's key, like a
// client's notes with theirs; the client never sees it. It belongs to the relationship, so it is deleted
// with it: when either person deletes their account (README, "Therapist notes").
public sealed class TherapistEventNote
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public Guid RelationshipId { get; set; }
    public required string TherapistId { get; set; }
    public DateOnly OccurredOn { get; set; }
    public TherapistEventKind Kind { get; set; }
    public byte[]? EncryptedText { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

// A therapist saw a caseload flag: that kind stays quiet for this client until something newer raises it
// (Core FlagRules.Unacknowledged). The optional note is encrypted with the therapist's key.
public sealed class FlagAcknowledgement
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public Guid RelationshipId { get; set; }
    public Core.Caseload.FlagKind Kind { get; set; }
    public string FlagKey { get; set; } = "";   // Core Flag.Key: which flag of its kind (e.g. the ECR-R's anxiety)
    public DateTimeOffset AcknowledgedAt { get; set; }
    public byte[]? EncryptedNote { get; set; }
}
