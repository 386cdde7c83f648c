using NodaTime;

namespace SecureBase.Data.Scheduling;

// The names of claim holders.
public static class Holders
{
    public static string Hold(Guid requestId) => $"hold:{requestId:N}";

    public static string Session(Guid sessionId) => $"session:{sessionId:N}";

    public static string SeriesPrefix(Guid seriesId) => $"series:{seriesId:N}:";

    public static string Occurrence(Guid seriesId, LocalDate originalDate) => $"{SeriesPrefix(seriesId)}{originalDate:yyyy-MM-dd}";
}
