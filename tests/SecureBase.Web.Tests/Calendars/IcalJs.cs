using System.Diagnostics;
using System.Text.Json;

namespace SecureBase.Web.Tests.Calendars;

// One occurrence as Mozilla's ical.js (Thunderbird's parser) expands it, in UTC.
public sealed record ParsedOccurrence(string? Method, string Uid, DateTimeOffset Start, DateTimeOffset? End, DateTimeOffset? RecurrenceId, string? Status, int? Sequence);

// Runs tests/calendar-parser/expand.mjs with Node: an iCalendar parser that shares no code with ours.
public static class IcalJs
{
    static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "calendar-parser", "expand.mjs");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("tests/calendar-parser/expand.mjs not found above " + AppContext.BaseDirectory);
    }

    public static async Task<IReadOnlyList<ParsedOccurrence>> ExpandAsync(string calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        start.ArgumentList.Add(from.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(to.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(calendar);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ical.js could not read the calendar: {error}\n{calendar}");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<ParsedOccurrence>(line, options)!).ToList();
    }
}
