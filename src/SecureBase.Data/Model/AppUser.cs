using Microsoft.AspNetCore.Identity;

namespace SecureBase.Data.Model;

public sealed class AppUser : IdentityUser
{
    // IANA zone id; weeks and "today" follow it.
    public string TimeZoneId { get; set; } = "Etc/UTC";
    public DateTimeOffset CreatedAt { get; set; }

    // The person asked for no session reminders by email.
    public bool SessionRemindersOff { get; set; }

    // The person's own crisis line, shown at the top of every page instead of the deployment's: the words
    // and the number to call. Personal (it may name who they turn to), so encrypted with their key (ADR 0007).
    public byte[]? EncryptedCrisisText { get; set; }
    public byte[]? EncryptedCrisisNumber { get; set; }
}
