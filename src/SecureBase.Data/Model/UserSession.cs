namespace SecureBase.Data.Model;

// A signed-in browser. The cookie carries only this row's id; signing out or changing the password
// deletes the row, so a copied cookie stops working at once (the server decides, not the browser).
public sealed class UserSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    // Its latest request, written when older than SessionRule.LastSeenPrecision: the idle limits and "last used" on the profile.
    public DateTimeOffset LastSeenAt { get; set; }

    // A client chose "keep me signed in on this phone" (ADR 0022): 30 days without use, 90 at most.
    public bool KeptSignedIn { get; set; }

    // What the browser said it was at sign-in, shortened to a label such as "Firefox on Android"; never the raw header.
    public string? Device { get; set; }

    // When this browser passed a second factor (TOTP or a recovery code); null until it has.
    public DateTimeOffset? SecondFactorAt { get; set; }
}
