namespace SecureBase.Data.Model;

// How many times a therapist's diary (their standing series, the changes to them, their one-off sessions)
// has changed: raised in the same transaction as the change (AppDbContext.SaveChanges, and by hand beside
// the few bulk updates), so the caseload can keep the diary it read at version N while the row still says N
// (ADR 0025).
public sealed class ScheduleVersion
{
    public required string TherapistId { get; set; }
    public long Version { get; set; }
}
