namespace SecureBase.Data.Model;

// A person's TOTP authenticator (RFC 6238). The shared secret is stored protected by the key ring;
// LastAcceptedStep makes each code single-use (Identity's own provider accepts a code again).
public sealed class AuthenticatorKey
{
    public required string UserId { get; set; }
    public required byte[] ProtectedSecret { get; set; }
    public long LastAcceptedStep { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

// One recovery code, stored as a salted SHA-256 (the code has 80 random bits); used once.
public sealed class RecoveryCode
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] Salt { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
