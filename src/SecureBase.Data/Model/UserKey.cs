namespace SecureBase.Data.Model;

// A user's data key, wrapped by the Data Protection key ring that lives outside the database.
// Deleting this row makes everything encrypted with it unreadable (crypto-shredding).
public sealed class UserKey
{
    public required string UserId { get; set; }
    public required byte[] WrappedKey { get; set; }
}
