namespace SecureBase.Data.Model;

// A signed-in browser. The cookie carries only this row's id; signing out or changing the password
// deletes the row, so a copied cookie stops working at once (the server decides, not the browser).
public sealed class UserSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    // When this browser passed a second factor (TOTP or a recovery code); null until it has.
    public DateTimeOffset? SecondFactorAt { get; set; }
}
