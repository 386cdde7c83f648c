namespace SecureBase.Data.Model;

// How many times a person's caseload inputs (moments, completed questionnaires and their scores) have
// changed: raised in the same transaction as the change (AppDbContext.SaveChanges), so a reader that holds
// figures read at version N knows they are still the data's while the row still says N (ADR 0019).
public sealed class ClinicalDataVersion
{
    public required string PersonId { get; set; }
    public long Version { get; set; }
}
