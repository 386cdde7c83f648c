using NodaTime;

namespace SecureBase.Core.Scheduling;

/// <summary>
/// When session reminders go out. A practice names offsets before a session (default 24 h and 2 h).
/// Source: issue 10; ADR 0016.
/// </summary>
public static class Reminders
{
    /// <summary>The practice's default offsets, in minutes: 24 hours and 2 hours.</summary>
    public const string DefaultOffsets = "1440,120";

    /// <summary>
    /// The offset whose reminder is due at <paramref name="now"/> for a session starting at
    /// <paramref name="start"/> that got that time at <paramref name="timeSetAt"/> (booked, or moved), or
    /// null. A reminder is due from <c>start − offset</c> until the session begins; one whose moment came
    /// before the session had its time is skipped (the booking or move email has just told them); of
    /// several due at once (the service was down), only the latest, so nobody gets two at a time.
    /// </summary>
    public static Duration? DueNow(Instant start, Instant timeSetAt, IReadOnlyCollection<Duration> offsets, Instant now)
    {
        if (now >= start) return null;
        Duration? due = null;
        foreach (var offset in offsets)
        {
            var moment = start - offset;
            if (moment > now || moment < timeSetAt) continue;
            if (due is not { } d || offset < d) due = offset;
        }
        return due;
    }

    /// <summary>How long to wait before trying again after <paramref name="attempts"/> failed tries (1 or more): 1, 2, 4, 8 … minutes, at most an hour.</summary>
    public static Duration RetryAfter(int attempts) =>
        Duration.FromMinutes(Math.Min(60, 1 << Math.Clamp(attempts - 1, 0, 6)));

    /// <summary>How many tries a reminder gets before it is given up.</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// Reads offsets written as hours and minutes ("24h, 2h", "90m", "1h30m"); an empty text is no
    /// reminders. Returns the offsets (distinct, largest first) or the error to show; each must be from
    /// 5 minutes to 14 days, there may be at most 4, and the text at most 60 characters. Digits are ASCII only.
    /// </summary>
    public static (IReadOnlyList<Duration> Offsets, string? Error) ParseOffsets(string? text)
    {
        if (text is { Length: > 60 }) return ([], "Keep the reminder times to 60 characters, such as 24h, 2h.");
        var parts = (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<Duration>();
        foreach (var part in parts)
        {
            if (ParseOne(part) is not { } offset) return ([], $"\"{part}\" is not a time before the session. Write hours and minutes, such as 24h, 2h or 30m.");
            if (offset < Duration.FromMinutes(5) || offset > Duration.FromDays(14)) return ([], $"{part} is outside 5 minutes to 14 days before the session.");
            if (!result.Contains(offset)) result.Add(offset);
        }
        if (result.Count > 4) return ([], "Four reminders at most.");
        return (result.OrderDescending().ToList(), null);
    }

    /// <summary>Offsets as stored (minutes, comma-separated, largest first); unreadable parts are skipped.</summary>
    public static IReadOnlyList<Duration> FromMinutes(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 ? Duration.FromMinutes(m) : (Duration?)null)
            .OfType<Duration>().Distinct().OrderDescending().ToList();

    /// <summary>Offsets as stored: minutes, comma-separated.</summary>
    public static string ToMinutes(IEnumerable<Duration> offsets) =>
        string.Join(",", offsets.Select(o => ((long)o.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>An offset as people write it: "24h", "2h", "1h30m", "45m".</summary>
    public static string Describe(Duration offset)
    {
        var minutes = (long)offset.TotalMinutes;
        var (h, m) = (minutes / 60, minutes % 60);
        return h == 0 ? $"{m}m" : m == 0 ? $"{h}h" : $"{h}h{m}m";
    }

    static Duration? ParseOne(string part)
    {
        var match = System.Text.RegularExpressions.Regex.Match(part.ToLowerInvariant().Replace(" ", ""), "^(?:([0-9]{1,3})h)?(?:([0-9]{1,5})m)?$");
        if (!match.Success || (match.Groups[1].Length == 0 && match.Groups[2].Length == 0)) return null;
        var hours = match.Groups[1].Length > 0 ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var minutes = match.Groups[2].Length > 0 ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return Duration.FromMinutes(hours * 60L + minutes);
    }
}
