using SecureBase.Core.ActivationLog;

namespace SecureBase.Data.Model;

// An activation-log entry. The relationship label and the note are personal free text: stored only
// encrypted with the owner's key (see Web/Features/Encryption), never in plain text.
public sealed class ActivationEntry
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Relationship Relationship { get; set; }
    public byte[]? EncryptedRelationshipLabel { get; set; }
    public Pull Pull { get; set; }
    public int Intensity { get; set; }
    public Noticed? Noticed { get; set; }
    public ResponseChoice Response { get; set; }
    public NewResponseKind? NewResponseKind { get; set; }
    public int? SettledMinutes { get; set; }
    public byte[]? EncryptedNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    // The id the person's device gave the moment when it was saved there (possibly offline): a second
    // delivery of the same moment finds it and adds nothing (unique per person). Null for server-made ids.
    public Guid? ClientId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
