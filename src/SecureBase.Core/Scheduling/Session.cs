using NodaTime;

namespace SecureBase.Core.Scheduling;

/// <summary>
/// A span of time a therapist is taken: [Start, End) as instants, with a label that names it in a
/// conflict ("series 3f2a…, week 37", "session 9c1e…"). Buffers are added by the rule, not stored.
/// </summary>
public sealed record Booked(Instant Start, Instant End, string Label)
{
    /// <summary>Whether the two spans share any instant once <paramref name="buffer"/> is kept between them.</summary>
    public bool Overlaps(Booked other, Duration buffer) => Start < other.End + buffer && other.Start < End + buffer;
}

/// <summary>One conflict: the proposed span and the existing one it would collide with.</summary>
public sealed record Conflict(Booked Proposed, Booked Existing);

/// <summary>The answer to a proposed booking: accepted, or refused with every conflict named.</summary>
public sealed record Acceptance(IReadOnlyList<Conflict> Conflicts)
{
    public bool Accepted => Conflicts.Count == 0;
}

/// <summary>
/// The one conflict rule, shaped like ploeh's <c>MaîtreD.CanAccept</c>: what exists and what is proposed
/// come in (every occurrence of a series within the horizon, every one-off session), the answer comes
/// out. Two spans conflict when they overlap or come closer than the buffer. Proposed spans are also
/// checked against each other. Source: issue 8 ("Never a double booking").
/// </summary>
public static class Bookings
{
    public static Acceptance CanAccept(IReadOnlyCollection<Booked> existing, IReadOnlyList<Booked> proposed, Duration buffer)
    {
        var conflicts = new List<Conflict>();
        for (var i = 0; i < proposed.Count; i++)
        {
            var candidate = proposed[i];
            conflicts.AddRange(existing.Where(e => candidate.Overlaps(e, buffer)).OrderBy(e => e.Start).Select(e => new Conflict(candidate, e)));
            for (var j = 0; j < i; j++)
                if (candidate.Overlaps(proposed[j], buffer)) conflicts.Add(new Conflict(candidate, proposed[j]));
        }
        return new Acceptance(conflicts);
    }
}
