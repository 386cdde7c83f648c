using NodaTime;

namespace SecureBase.Core.Scheduling;

/// <summary>
/// The cells a booking claims in the database's guard against double booking: 5-minute cells on the
/// UTC clock, numbered as minutes since the Unix epoch, from the cell holding the start to the cell
/// holding the last instant of the span plus the buffer after it. Two spans that the conflict rule
/// (<see cref="Booked.Overlaps"/>) calls overlapping always share a cell; spans on the 5-minute grid
/// that do not overlap never do. Source: issue 8 ("a unique claim per therapist and slot"); ADR 0012.
/// </summary>
public static class Claims
{
    /// <summary>Width of a cell, in minutes.</summary>
    public const int CellMinutes = 5;

    /// <summary>The cells of [start, end + buffer), ascending. Empty for an empty span.</summary>
    public static IReadOnlyList<long> Cells(Booked span, Duration buffer)
    {
        var from = FloorCell(span.Start);
        var until = span.End + buffer;   // exclusive
        var cells = new List<long>();
        for (var cell = from; Instant.FromUnixTimeSeconds(cell * 60) < until; cell += CellMinutes) cells.Add(cell);
        return cells;
    }

    static long FloorCell(Instant instant)
    {
        var seconds = instant.ToUnixTimeSeconds();   // already floored toward the start of time
        var minutes = seconds >= 0 ? seconds / 60 : (seconds - 59) / 60;
        return minutes - (((minutes % CellMinutes) + CellMinutes) % CellMinutes);
    }
}
