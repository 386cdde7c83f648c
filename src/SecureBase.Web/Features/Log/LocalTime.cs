namespace SecureBase.Web.Features.Log;

public static class LocalTime
{
    // A wall-clock time in the person's zone as an instant. A time skipped by a daylight-saving jump
    // is moved forward by the jump, as a clock would be.
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static string ForInput(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string ForDisplay(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant, TimeZoneInfo zone, string format = "d MMM yyyy") =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
