using NodaTime;
using SecureBase.Core.Time;

namespace SecureBase.Core.Scheduling;

/// <summary>Working hours on one weekday, on the therapist's clock: [From, To).</summary>
public sealed record Hours(IsoDayOfWeek Day, LocalTime From, LocalTime To);

/// <summary>A date that differs from the weekly pattern: a day off (no hours) or other hours that day.</summary>
public sealed record DateOverride(LocalDate Date, IReadOnlyList<(LocalTime From, LocalTime To)> Hours);

/// <summary>
/// A therapist's bookable time: weekly hours and exceptions in their zone, session length, the buffer
/// kept between sessions, minimum notice before a slot, and how far ahead one may book.
/// </summary>
public sealed record Availability(
    DateTimeZone Zone,
    IReadOnlyList<Hours> Weekly,
    IReadOnlyList<DateOverride> Exceptions,
    Duration SessionLength,
    Duration Buffer,
    Duration MinimumNotice,
    Period Horizon);

/// <summary>A free slot: its start and end as instants.</summary>
public sealed record Slot(Instant Start, Instant End);

/// <summary>
/// Free slots: each working window cut into sessions of the session length with the buffer between them (each window
/// starts on its own hour), minus any that start within the notice period, lie past the horizon, or
/// conflict (with the buffer) with what is already booked. Windows are local times, so a slot at 09:00
/// stays at 09:00 on the therapist's clock across daylight-saving changes. Source: issue 8.
/// </summary>
public static class Slots
{
    public static IReadOnlyList<Slot> Free(Availability availability, IReadOnlyCollection<Booked> booked, Instant now, LocalDate from, LocalDate to)
    {
        var zone = availability.Zone;
        var earliest = now + availability.MinimumNotice;
        var latestDate = now.InZone(zone).Date.Plus(availability.Horizon);
        var exceptions = availability.Exceptions.GroupBy(e => e.Date).ToDictionary(g => g.Key, g => g.Last());
        var slots = new List<Slot>();
        for (var date = from; date <= to && date <= latestDate; date = date.PlusDays(1))
        {
            var windows = exceptions.TryGetValue(date, out var exception)
                ? exception.Hours
                : availability.Weekly.Where(h => h.Day == date.DayOfWeek).Select(h => (h.From, h.To)).ToList();
            // Sessions one after another with the buffer between them, so every slot offered can be booked together.
            var step = Period.FromTicks((availability.SessionLength + availability.Buffer).BclCompatibleTicks);
            foreach (var (windowFrom, windowTo) in windows.OrderBy(w => w.From))
            {
                var windowEnd = LocalTimes.ToInstant(date.At(windowTo), zone);
                Booked? previous = null;
                for (var local = date.At(windowFrom); ; local = local.Plus(step))
                {
                    var start = LocalTimes.ToInstant(local, zone);
                    var end = start + availability.SessionLength;
                    if (end > windowEnd || local.Date != date) break;
                    var candidate = new Booked(start, end, "slot");
                    // A spring-forward gap moves a local start forward onto the session before it: offer only one of the two.
                    if (previous is not null && candidate.Overlaps(previous, availability.Buffer)) continue;
                    previous = candidate;
                    if (start < earliest) continue;
                    if (booked.Any(b => candidate.Overlaps(b, availability.Buffer))) continue;
                    slots.Add(new Slot(start, end));
                }
            }
        }
        return slots;
    }
}
