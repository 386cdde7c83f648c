using NodaTime;
using SecureBase.Core.Time;

namespace SecureBase.Core.Scheduling;

/// <summary>Who changed an occurrence.</summary>
public enum ChangedBy
{
    Therapist,
    Client,
}

/// <summary>
/// A change to one occurrence of a series, keyed by the date it was due on: moved to another local
/// date and time (in the therapist's zone), or cancelled; by whom and why.
/// </summary>
public sealed record OccurrenceOverride(LocalDate OriginalDate, LocalDateTime? MovedTo, bool Cancelled, ChangedBy By, string? Reason);

/// <summary>
/// A standing weekly session: every <see cref="Day"/> at <see cref="Time"/> on the therapist's clock
/// (<see cref="Zone"/>), from <see cref="StartDate"/> (the first such weekday on or after it), until
/// <see cref="Until"/> inclusive or open-ended, <see cref="Length"/> long. One object, not N copies.
/// </summary>
public sealed record StandingSeries(Guid Id, IsoDayOfWeek Day, LocalTime Time, Duration Length, DateTimeZone Zone, LocalDate StartDate, LocalDate? Until);

/// <summary>One occurrence: which week of the series (1-based), the date it was due, where it is now.</summary>
public sealed record Occurrence(Guid SeriesId, int Week, LocalDate OriginalDate, Instant Start, Instant End, bool Moved, bool Cancelled)
{
    /// <summary>As a span for the conflict rule, named by its week.</summary>
    public Booked AsBooked() => new(Start, End, $"series {SeriesId:N}, week {Week}");
}

/// <summary>
/// Expands a series into occurrences. Local time is what stays stable: a 10:00 session is at 10:00 on
/// the therapist's clock on both sides of a daylight-saving change (its UTC instant moves). A time that
/// does not exist that day (spring-forward gap) or exists twice (fall-back) follows
/// <see cref="LocalTimes.ToInstant(LocalDateTime, DateTimeZone)"/>: moved forward by the gap, or the
/// earlier of the two. Source: issue 8; ADR 0009.
/// </summary>
public static class Series
{
    /// <summary>Occurrences due from <paramref name="from"/> to <paramref name="to"/> inclusive (dates on the therapist's clock), overrides applied; cancelled ones included and flagged.</summary>
    public static IReadOnlyList<Occurrence> Occurrences(StandingSeries series, LocalDate from, LocalDate to, IReadOnlyCollection<OccurrenceOverride> overrides)
    {
        var byDate = overrides.GroupBy(o => o.OriginalDate).ToDictionary(g => g.Key, g => g.Last());
        var first = series.StartDate.With(DateAdjusters.NextOrSame(series.Day));
        var last = series.Until is { } until && until < to ? until : to;
        var result = new List<Occurrence>();
        var week = 1;
        for (var date = first; date <= last; date = date.PlusWeeks(1), week++)
        {
            if (date < from) continue;
            byDate.TryGetValue(date, out var change);
            var local = change?.MovedTo ?? date.At(series.Time);
            var start = LocalTimes.ToInstant(local, series.Zone);
            result.Add(new Occurrence(series.Id, week, date, start, start + series.Length, change?.MovedTo is not null, change?.Cancelled == true));
        }
        return result;
    }

    /// <summary>The occurrences that take the therapist's time (not cancelled), as spans for the conflict rule.</summary>
    public static IReadOnlyList<Booked> Taken(StandingSeries series, LocalDate from, LocalDate to, IReadOnlyCollection<OccurrenceOverride> overrides) =>
        Occurrences(series, from, to, overrides).Where(o => !o.Cancelled).Select(o => o.AsBooked()).ToList();
}
