using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Security;

namespace SecureBase.Web.Features.Calendars;

// What one feed serves: the calendar text and what conditional requests compare.
public sealed record FeedContent(string ETag, DateTimeOffset LastModified, Func<string> Text);

// Private calendar feeds. A person has at most one secret address; only its SHA-256 is stored, so the
// address is shown once, and a new one replaces the row (the old address is then unknown: 404 at once).
// A feed holds every session the person takes part in, as therapist or client, in any practice.
public sealed class CalendarFeeds(AppDbContext db, PublicUrls urls, TimeProvider clock)
{
    public string AddressOf(string token) => urls.To($"/calendar/{token}.ics");

    public Task<CalendarFeedRow?> OfAsync(string userId, CancellationToken ct) => db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.UserId == userId, ct);

    // A new secret address for the person (any earlier one stops working); returns the token.
    public async Task<string> RenewAsync(string userId, CancellationToken ct)
    {
        var token = SecretTokens.New();
        await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
        db.CalendarFeeds.Add(new CalendarFeedRow { UserId = userId, TokenHash = SecretTokens.HashOf(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public Task StopAsync(string userId, CancellationToken ct) => db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);

    // The feed behind a token, or null when no feed has it. The rows are read and hashed here; the text is
    // written only if the caller needs it (a conditional request that matches does not).
    public async Task<FeedContent?> ContentAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100) return null;
        var hash = SecretTokens.HashOf(token);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (feed is null) return null;
        var userId = feed.UserId;

        var seriesRows = await db.StandingSeries.AsNoTracking().Where(s => s.TherapistId == userId || s.ClientId == userId).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = seriesRows.Select(s => s.Id).ToList();
        var changes = (await db.OccurrenceChanges.AsNoTracking().Where(c => ids.Contains(c.SeriesId) && (c.Cancelled || c.MovedToDate != null)).ToListAsync(ct))
            .OrderBy(c => c.SeriesId).ThenBy(c => c.OriginalDate).ToLookup(c => c.SeriesId);
        var sessions = await db.OneOffSessions.AsNoTracking().Where(s => s.TherapistId == userId || s.ClientId == userId).OrderBy(s => s.Id).ToListAsync(ct);
        var practiceIds = seriesRows.Select(s => s.PracticeId).Concat(sessions.Select(s => s.PracticeId)).Distinct().ToList();
        var titles = await db.Practices.AsNoTracking().Where(p => practiceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.CalendarTitle, ct);
        string TitleOf(Guid practiceId) => SessionTitle.Or(titles.GetValueOrDefault(practiceId));

        var series = seriesRows.Select(s => new CalendarSeries(s, changes[s.Id].ToList(), TitleOf(s.PracticeId))).ToList();
        var oneOffs = sessions.Select(s => new CalendarSession(s, TitleOf(s.PracticeId))).ToList();
        var details = urls.To("/Sessions");

        // Everything the text is written from, in a fixed order: equal fingerprints, equal feeds.
        var edgesThrough = ICalendarWriter.EdgesThrough(clock.GetUtcNow());
        var source = new StringBuilder(details).Append(CultureInfo.InvariantCulture, $"|{edgesThrough:yyyy-MM-dd}");
        foreach (var s in series)
        {
            var r = s.Row;
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"|S{r.Id:N},{r.Day},{r.Time:HH\\:mm},{r.LengthMinutes},{r.TimeZoneId},{r.StartDate:yyyy-MM-dd},{r.Until:yyyy-MM-dd},{r.Sequence},{(r.UpdatedAt ?? r.CreatedAt).ToUnixTimeSeconds()},{s.Title}");
            foreach (var c in s.Changes)
                source.Append(System.Globalization.CultureInfo.InvariantCulture, $"|C{c.OriginalDate:yyyy-MM-dd},{c.Cancelled},{c.MovedToDate:yyyy-MM-dd},{c.MovedToTime:HH\\:mm},{c.ChangedAt?.ToUnixTimeSeconds()}");
        }
        foreach (var s in oneOffs)
        {
            var r = s.Row;
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"|O{r.Id:N},{r.Start.ToUnixTimeSeconds()},{r.End.ToUnixTimeSeconds()},{r.CancelledAt is null},{r.Sequence},{(r.UpdatedAt ?? r.CreatedAt).ToUnixTimeSeconds()},{s.Title}");
        }
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(source.ToString()))[..16];

        if (feed.ContentHash is null || !feed.ContentHash.AsSpan().SequenceEqual(fingerprint) || feed.ContentChangedAt is null)
        {
            // Whole seconds (HTTP dates have no more), and never at or before the last change, so a client
            // that holds the old copy always sees it as older.
            var now = clock.GetUtcNow();
            var changedAt = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            if (feed.ContentChangedAt is { } before && changedAt <= before) changedAt = before.AddSeconds(1);
            (feed.ContentHash, feed.ContentChangedAt) = (fingerprint, changedAt);
            await db.SaveChangesAsync(ct);
        }

        var etag = "\"" + Convert.ToHexString(fingerprint).ToLowerInvariant() + "\"";
        return new FeedContent(etag, feed.ContentChangedAt.Value, () => ICalendarWriter.Serialize(ICalendarWriter.Feed(series, oneOffs, details, "Sessions", edgesThrough)));
    }
}
