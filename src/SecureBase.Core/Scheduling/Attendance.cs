using NodaTime;

namespace SecureBase.Core.Scheduling;

/// <summary>What became of one past session: attended, a no-show, cancelled late by the client, cancelled (by whom), or not yet marked.</summary>
public enum Outcome
{
    Unmarked,
    Attended,
    NoShow,
    LateCancellation,
    CancelledByClient,
    CancelledByTherapist,
}

/// <summary>
/// One session that was due: when it started, its outcome, and when its attendance was recorded (null when
/// not known, as for data from before it was kept): a missed session marked after a flag was acknowledged
/// is news, whenever the session was.
/// </summary>
public sealed record PastSession(Instant Start, Outcome Outcome, Instant? RecordedAt = null);

/// <summary>
/// Derived attendance: <see cref="ConsecutiveWeeksAttended"/> counts back from the latest session while
/// they were attended (a session the therapist cancelled neither counts nor breaks the run: it was not
/// the client's absence; the latest sessions not marked yet are passed over, an unmarked one further back stops the count); <see cref="Rate"/> = attended ÷ marked sessions
/// the client could attend (therapist cancellations excluded) over the last 12 weeks, null when none;
/// cancellations counted by who cancelled. Source: issue 8 ("Attendance").
/// </summary>
public sealed record AttendanceSummary(int ConsecutiveWeeksAttended, double? Rate, int RateOver, int CancelledByClient, int CancelledByTherapist, int NoShows);

public static class AttendanceRule
{
    /// <summary>Window of <see cref="AttendanceSummary.Rate"/>.</summary>
    public static readonly Duration RateWindow = Duration.FromDays(7 * 12);

    /// <summary>
    /// How far back every view of attendance passes sessions to <see cref="Summarise"/> (26 weeks): the caseload
    /// and the schedule show the same run and the same counts of cancellations and no-shows.
    /// </summary>
    public static readonly Duration HistoryWindow = Duration.FromDays(7 * 26);

    /// <summary>Summarises sessions that started before <paramref name="now"/>; later ones are ignored.</summary>
    public static AttendanceSummary Summarise(IReadOnlyList<PastSession> sessions, Instant now)
    {
        var past = sessions.Where(s => s.Start < now).OrderByDescending(s => s.Start).ToList();
        var streak = 0;
        var marking = true;   // the latest sessions may simply not be marked yet: they neither count nor break the run
        foreach (var session in past)
        {
            if (session.Outcome == Outcome.CancelledByTherapist) continue;
            if (marking && session.Outcome == Outcome.Unmarked) continue;
            marking = false;
            if (session.Outcome != Outcome.Attended) break;
            streak++;
        }
        var recent = past.Where(s => s.Start >= now - RateWindow && s.Outcome is not (Outcome.CancelledByTherapist or Outcome.Unmarked)).ToList();
        double? rate = recent.Count == 0 ? null : (double)recent.Count(s => s.Outcome == Outcome.Attended) / recent.Count;
        return new AttendanceSummary(streak, rate, recent.Count,
            past.Count(s => s.Outcome is Outcome.CancelledByClient or Outcome.LateCancellation),
            past.Count(s => s.Outcome == Outcome.CancelledByTherapist),
            past.Count(s => s.Outcome == Outcome.NoShow));
    }

    /// <summary>
    /// Whether a client may still move or cancel a session themselves: at least <paramref name="notice"/>
    /// before it starts (the practice's setting, 24 hours by default). Later, they contact their therapist.
    /// </summary>
    public static bool ClientMayChange(Instant start, Instant now, Duration notice) => now + notice <= start;
}
