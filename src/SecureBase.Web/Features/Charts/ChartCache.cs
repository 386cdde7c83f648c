using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace SecureBase.Web.Features.Charts;

// A chart is a pure function of its figures, and rendering one costs ~15 ms of CPU (measured), so
// rendered SVG is kept by a hash of exactly those figures. New data means new figures and a new key;
// nothing is ever stale. Bounded, so a busy server keeps only recent charts.
public sealed class ChartCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public string Weekly(IReadOnlyList<DateOnly> weeks, double yMin, double yMax, string yLabel, params WeeklySeries[] series)
    {
        var key = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{yMin}|{yMax}|{yLabel}|");
        foreach (var w in weeks) key.Append(w.DayNumber).Append(',');
        foreach (var s in series)
        {
            key.Append('|').Append(s.Name).Append(s.Color.ToHex()).Append(s.Faint ? "~" : "").Append(':');
            foreach (var v in s.Values) key.Append(v?.ToString("R", CultureInfo.InvariantCulture) ?? "-").Append(',');
        }
        return GetOrRender(key.ToString(), () => WeeklyChart.Render(weeks, yMin, yMax, yLabel, series));
    }

    public string Plane(IReadOnlyList<PlanePointAt> points, double min, double max, bool highlightLast = true)
    {
        var key = new StringBuilder().Append(CultureInfo.InvariantCulture, $"plane|{min}|{max}|{highlightLast}|");
        foreach (var p in points) key.Append(CultureInfo.InvariantCulture, $"{p.Anxiety:R},{p.Avoidance:R};");
        return GetOrRender(key.ToString(), () => PlaneChart.Render(points, min, max, highlightLast));
    }

    string GetOrRender(string key, Func<string> render) =>
        _cache.GetOrCreate(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return render();
        })!;

    public void Dispose() => _cache.Dispose();
}
