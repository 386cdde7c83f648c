using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Features.Charts;

public static partial class Svg
{
    [GeneratedRegex("""<svg([^>]*?) width="(\d+)" height="(\d+)">""")]
    private static partial Regex Root();

    // ScottPlot writes a fixed-size SVG document; inline it scaled to its container (readable at
    // 375 px) and hidden from screen readers, which get the data table beside every chart instead.
    public static string Inline(string document)
    {
        var svg = document[document.IndexOf("<svg", StringComparison.Ordinal)..];
        return Root().Replace(svg, m => string.Create(CultureInfo.InvariantCulture,
            $"""<svg{m.Groups[1].Value} viewBox="0 0 {m.Groups[2].Value} {m.Groups[3].Value}" class="chart" aria-hidden="true" focusable="false">"""), 1);
    }
}
