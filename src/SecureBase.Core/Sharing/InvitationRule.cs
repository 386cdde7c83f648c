namespace SecureBase.Core.Sharing;

/// <summary>Whether an invitation link can still be used, and if not, why.</summary>
public enum InvitationState
{
    Open,
    Expired,
    AlreadyUsed,
    Withdrawn,
}

/// <summary>
/// The rule for emailed invitations (issue 7, "Therapists and clients"): single use, valid for
/// <see cref="Lifetime"/> from when it was sent, void once withdrawn. Time comes in as an argument.
/// </summary>
public static class InvitationRule
{
    /// <summary>7 days, as the issue asks.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Used and withdrawn win over expired, so the message names what actually happened.</summary>
    public static InvitationState StateOf(DateTimeOffset expiresAt, DateTimeOffset? acceptedAt, DateTimeOffset? withdrawnAt, DateTimeOffset now) =>
        acceptedAt is not null ? InvitationState.AlreadyUsed
        : withdrawnAt is not null ? InvitationState.Withdrawn
        : now >= expiresAt ? InvitationState.Expired
        : InvitationState.Open;
}
