using System.Globalization;

namespace SecureBase.Core.Text;

/// <summary>A count with its noun in the right number: "1 minute", "2 minutes", "0 baseline administrations".</summary>
public static class Counted
{
    /// <summary>The count and the noun; the plural is the singular plus "s" unless given.</summary>
    public static string Of(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
