namespace SecureBase.Core.Sharing;

/// <summary>The verdict on a time-based one-time code.</summary>
public enum CodeVerdict
{
    Accepted,
    Wrong,
    Replayed,
}

/// <summary>
/// Which TOTP time steps (RFC 6238: 30-second steps since the Unix epoch) a code may come from, and
/// whether a code that matched a step may be accepted. One step of drift either way is allowed; a
/// code two steps old is refused; a step at or before the last accepted one is a replay (Identity
/// accepts a code again, aspnetcore #14423; ASVS v5.0.0-6.5.1, 6.5.5; security reference §4, G7).
/// </summary>
public static class OneTimeCodes
{
    /// <summary>The RFC 6238 step length.</summary>
    public const int StepSeconds = 30;

    /// <summary>The step that contains <paramref name="now"/>.</summary>
    public static long StepAt(DateTimeOffset now) => now.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The steps whose codes are compared with what was typed, current first: current, one back, one ahead.</summary>
    public static IReadOnlyList<long> CandidateSteps(long currentStep) => [currentStep, currentStep - 1, currentStep + 1];

    /// <summary>
    /// <paramref name="matchedStep"/> is the candidate step whose code equals the typed one, or null;
    /// <paramref name="lastAcceptedStep"/> is the newest step accepted for this person before (0 for none).
    /// </summary>
    public static CodeVerdict Judge(long? matchedStep, long lastAcceptedStep) =>
        matchedStep is not { } step ? CodeVerdict.Wrong
        : step <= lastAcceptedStep ? CodeVerdict.Replayed
        : CodeVerdict.Accepted;
}
