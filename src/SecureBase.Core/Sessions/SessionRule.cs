namespace SecureBase.Core.Sessions;

/// <summary>What the server knows of one signed-in browser, as the session rule needs it.</summary>
/// <param name="CreatedAt">When the password (and second factor, for staff) was last given on it.</param>
/// <param name="LastSeenAt">Its latest request the server wrote down (at most <see cref="SessionRule.LastSeenPrecision"/> old).</param>
/// <param name="KeptSignedIn">The person asked to stay signed in on this device.</param>
public sealed record SessionFacts(DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool KeptSignedIn);

/// <summary>
/// How long a signed-in browser stays signed in (ADR 0006, ADR 0022). An ordinary session ends after 30 idle minutes
/// (the cookie's sliding limit) or 12 hours at most. A client may keep one device signed in: it then ends after
/// 30 days without use or 90 days at most, and always when they sign out, end it from their profile or change their
/// password. Owners and therapists are never kept signed in (their access reaches other people's clinical data):
/// a kept session of someone who is, or has become, staff counts as ordinary.
/// </summary>
public static class SessionRule
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    public static readonly TimeSpan KeptIdle = TimeSpan.FromDays(30);
    public static readonly TimeSpan KeptAbsolute = TimeSpan.FromDays(90);

    /// <summary>LastSeenAt is written when it is older than this, not on every request.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(5);

    /// <summary>True while the session may be used at <paramref name="now"/>; <paramref name="isStaff"/>: an active owner or therapist.</summary>
    public static bool IsAlive(SessionFacts session, bool isStaff, DateTimeOffset now) =>
        session.KeptSignedIn && !isStaff
            ? now - session.CreatedAt <= KeptAbsolute && now - session.LastSeenAt <= KeptIdle
            : now - session.CreatedAt <= Absolute && now - session.LastSeenAt <= Idle + LastSeenPrecision;

    /// <summary>
    /// The latest instant the session can last if it is not used again: its idle limit from its last use or its
    /// absolute limit, whichever comes first. The ordinary idle limit is the cookie's 30 minutes (the server allows
    /// <see cref="LastSeenPrecision"/> more only because it writes LastSeenAt coarsely).
    /// </summary>
    public static DateTimeOffset EndsBy(SessionFacts session, bool isStaff)
    {
        var kept = session.KeptSignedIn && !isStaff;
        var idleEnd = session.LastSeenAt + (kept ? KeptIdle : Idle);
        var absoluteEnd = session.CreatedAt + (kept ? KeptAbsolute : Absolute);
        return idleEnd < absoluteEnd ? idleEnd : absoluteEnd;
    }

    /// <summary>Whether being staff could change the answer, so the caller need only ask who someone is then.</summary>
    public static bool DependsOnStaff(SessionFacts session, DateTimeOffset now) =>
        session.KeptSignedIn && IsAlive(session, isStaff: false, now) != IsAlive(session, isStaff: true, now);
}
