using System.Globalization;
using NodaTime;
using SecureBase.Core.Time;

namespace SecureBase.Web.Features.Log;

// Instants shown and read as wall-clock times in the person's zone, one format everywhere.
public static class LocalTime
{
    public static string ForInput(DateTimeOffset instant, DateTimeZone zone) => Format(instant, zone, "yyyy-MM-ddTHH:mm");

    public static string ForDisplay(DateTimeOffset instant, DateTimeZone zone) => Format(instant, zone, "ddd d MMM, HH:mm");

    public static string Date(DateTimeOffset instant, DateTimeZone zone, string format = "d MMM yyyy") => Format(instant, zone, format);

    static string Format(DateTimeOffset instant, DateTimeZone zone, string format) =>
        LocalTimes.InZone(instant, zone).ToDateTimeUnspecified().ToString(format, CultureInfo.InvariantCulture);
}
