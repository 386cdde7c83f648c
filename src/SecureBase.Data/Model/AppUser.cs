using Microsoft.AspNetCore.Identity;

namespace SecureBase.Data.Model;

public sealed class AppUser : IdentityUser
{
    // IANA zone id; weeks and "today" follow it.
    public string TimeZoneId { get; set; } = "Etc/UTC";
    public DateTimeOffset CreatedAt { get; set; }

    // The person asked for no session reminders by email.
    public bool SessionRemindersOff { get; set; }
}
