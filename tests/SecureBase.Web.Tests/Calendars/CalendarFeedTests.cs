using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Web.Features.Calendars;
using SecureBase.Web.Features.Scheduling;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests.Calendars;

// The private feeds over HTTP: what ical.js reads from them is what the sessions page lists, a change shows
// (new ETag, later Last-Modified) and an unchanged feed answers 304; a wrong or replaced address is a 404
// that says nothing; nobody's feed holds another person's sessions. Emails carry iMIP parts for one occurrence.
public sealed partial class CalendarFeedTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("value=\"https?://[^/\"]+(/calendar/[A-Za-z0-9_-]+\\.ics)\"")]
    private static partial Regex FeedAddress();

    static async Task<string> NewFeedAsync(Person person)
    {
        var made = await person.Visitor.PostAsync("/Calendars", "/Calendars?handler=Renew");
        Assert.Equal((HttpStatusCode.Redirect, "/Calendars?done=made"), (made.StatusCode, made.Headers.Location?.OriginalString));
        var html = await person.Visitor.Client.GetStringAsync("/Calendars?done=made", Ct);
        var match = FeedAddress().Match(html);
        Assert.True(match.Success, html);
        // Shown once: a reload shows it no more, and makes no new one.
        Assert.DoesNotContain("/calendar/", await person.Visitor.Client.GetStringAsync("/Calendars?done=made", Ct), StringComparison.Ordinal);
        return match.Groups[1].Value;
    }

    async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = app.CreateClient();   // a calendar app: no cookies, no sign-in
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request, Ct);
    }

    async Task<List<(DateTimeOffset Start, DateTimeOffset End)>> ListedAsync(string clientId, DateTimeOffset from, DateTimeOffset to) =>
        (await app.InScopeAsync(s => s.GetRequiredService<SessionDesk>().OfClientAsync(clientId, Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to), Ct)))
            .Where(v => !v.Cancelled).Select(v => (v.Start.ToDateTimeOffset(), v.End.ToDateTimeOffset())).ToList();

    static List<(DateTimeOffset Start, DateTimeOffset End)> Expanded(IEnumerable<ParsedOccurrence> parsed) =>
        parsed.Where(p => p.Status != "CANCELLED").Select(p => (p.Start, p.End!.Value)).OrderBy(p => p.Start).ToList();

    // The calendar parts of every email sent to one address, oldest first.
    List<(string Subject, string Method, string Text)> Invites(string to)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        return Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).SelectMany(file =>
        {
            using var message = MimeMessage.Load(file);
            if (!message.To.Mailboxes.Any(m => m.Address == to)) return [];
            return message.BodyParts.OfType<TextPart>().Where(p => p.ContentType.MimeType == "text/calendar")
                .Select(p => (message.Subject ?? "", p.ContentType.Parameters["method"] ?? "", p.Text)).ToList();
        }).ToList();
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    public async Task TheFeedIsTheSessionsAndPollingIsCheap(string zone)
    {
        var (therapist, client, series, _) = await SchedulingSteps.WeeklyClientAsync(app, zone);
        var feed = await NewFeedAsync(client);
        var (from, to) = (app.Clock.GetUtcNow(), app.Clock.GetUtcNow().AddYears(1));

        // The booking email carried the series as a REQUEST.
        var booked = Assert.Single(Invites(client.Email));
        Assert.Equal("REQUEST", booked.Method);
        Assert.Contains("RRULE:FREQ=WEEKLY", booked.Text, StringComparison.Ordinal);

        var first = await GetAsync(feed);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar", first.Content.Headers.ContentType!.MediaType);
        var text = await first.Content.ReadAsStringAsync(Ct);
        Assert.Equal(await ListedAsync(series.ClientId!, from, to), Expanded(await IcalJs.ExpandAsync(text, from, to)));
        Assert.Contains("SUMMARY:Appointment", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cam", text, StringComparison.Ordinal);

        // Unchanged: 304 by ETag, and by date for apps that only send that.
        var etag = first.Headers.ETag!;
        var modified = first.Content.Headers.LastModified!.Value;
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(feed, h => h.IfNoneMatch.Add(etag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(feed, h => h.IfModifiedSince = modified)).StatusCode);

        // The therapist moves the third session a day later and the client cancels the second.
        var third = LocalDate.FromDateOnly(series.StartDate).PlusWeeks(2);
        var thirdView = (await app.InScopeAsync(s => s.GetRequiredService<SessionDesk>().FindAsync(series.Id, third, null, Ct)))!;
        var newStart = thirdView.Start + Duration.FromHours(24);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await app.InScopeAsync(s => s.GetRequiredService<SessionDesk>().MoveAsync(thirdView, newStart, ChangedBy.Therapist, Ct)));
        var second = series.StartDate.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.PostWithTokenAsync(client, "/Accounts/Profile", "/Sessions?handler=Cancel", ("seriesId", $"{series.Id}"), ("date", second))).StatusCode);

        var changed = await GetAsync(feed, h => h.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.True(changed.Content.Headers.LastModified > modified);
        var expanded = Expanded(await IcalJs.ExpandAsync(await changed.Content.ReadAsStringAsync(Ct), from, to));
        Assert.Equal(await ListedAsync(series.ClientId!, from, to), expanded);
        Assert.Contains(expanded, e => e.Start == newStart.ToDateTimeOffset());
        Assert.DoesNotContain(expanded, e => e.Start == thirdView.Start.ToDateTimeOffset());

        // The client's email for the move: a REQUEST for that one occurrence. The therapist's for the cancellation: a CANCEL for that one.
        var move = Invites(client.Email).Last();
        Assert.Equal("REQUEST", move.Method);
        var unfolded = move.Text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\n ", "", StringComparison.Ordinal);   // RFC 5545 folds long lines
        Assert.Contains($"mailto:{client.Email}", unfolded, StringComparison.Ordinal);   // the ATTENDEE
        Assert.Contains("ORGANIZER;CN=Dr ", unfolded, StringComparison.Ordinal);
        var moved = Assert.Single(await IcalJs.ExpandAsync(move.Text, from, to));
        Assert.Equal((thirdView.Start.ToDateTimeOffset(), newStart.ToDateTimeOffset()), (moved.RecurrenceId!.Value, moved.Start));
        var cancel = Invites(therapist.Email).Last();
        Assert.Equal("CANCEL", cancel.Method);
        Assert.DoesNotContain("FREQ=WEEKLY", cancel.Text, StringComparison.Ordinal);
        var gone = Assert.Single(await IcalJs.ExpandAsync(cancel.Text, from, to));
        Assert.Equal(series.Id, Guid.ParseExact(gone.Uid["series-".Length..^"@securebase".Length], "N"));
        Assert.True(gone.Sequence >= 2, $"the sequence rose with each change: {gone.Sequence}");

        // The therapist's own feed has the same series.
        var theirs = await GetAsync(await NewFeedAsync(therapist));
        Assert.Contains(ICalendarWriter.SeriesUid(series.Id), await theirs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressesAreSecretReplaceableAndHoldOnlyTheirPersonsSessions()
    {
        var (therapist, client, series, _) = await SchedulingSteps.WeeklyClientAsync(app);
        var (otherTherapist, otherClient, otherSeries, _) = await SchedulingSteps.WeeklyClientAsync(app);
        var feed = await NewFeedAsync(client);
        var text = await (await GetAsync(feed)).Content.ReadAsStringAsync(Ct);
        Assert.Contains(ICalendarWriter.SeriesUid(series.Id), text, StringComparison.Ordinal);
        Assert.DoesNotContain(ICalendarWriter.SeriesUid(otherSeries.Id), text, StringComparison.Ordinal);
        var otherTherapistFeed = await (await GetAsync(await NewFeedAsync(otherTherapist))).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(ICalendarWriter.SeriesUid(series.Id), otherTherapistFeed, StringComparison.Ordinal);
        Assert.Contains(ICalendarWriter.SeriesUid(otherSeries.Id), otherTherapistFeed, StringComparison.Ordinal);

        // Without .ics, or with a path after it: the same 404, never a sign-in page carrying the token.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(feed[..^".ics".Length])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(feed + "/x")).StatusCode);
        // A date later than the server's clock is ignored.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(feed, h => h.IfModifiedSince = app.Clock.GetUtcNow().AddYears(5))).StatusCode);

        // A made-up address and a replaced one get the same plain 404.
        var unknown = await GetAsync("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var renewed = await NewFeedAsync(client);
        var old = await GetAsync(feed);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(Ct), await old.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(renewed)).StatusCode);

        // Stopped: gone at once. The page never shows the address again.
        Assert.Equal(HttpStatusCode.Redirect, (await client.Visitor.PostAsync("/Calendars", "/Calendars?handler=Stop")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(renewed)).StatusCode);
        Assert.DoesNotContain("/calendar/", await client.Visitor.Client.GetStringAsync("/Calendars", Ct), StringComparison.Ordinal);
        _ = (therapist, otherClient);
    }

    [Fact]
    public async Task ThePracticeNamesSessionsInCalendars()
    {
        var (therapist, client, _, _) = await SchedulingSteps.WeeklyClientAsync(app);
        var feed = await NewFeedAsync(client);
        var saved = await therapist.Visitor.PostAsync("/Practice", "/Practice?handler=Calendar", ("calendarTitle", "Meeting at Elm Street"), ("reminderOffsets", "24h, 90m"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("SUMMARY:Meeting at Elm Street", await (await GetAsync(feed)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("1440,90", (await SchedulingSteps.RowsAsync(app, db => db.Practices.Where(p => p.CalendarTitle == "Meeting at Elm Street"))).Single().ReminderOffsets);

        var bad = await therapist.Visitor.PostAsync("/Practice", "/Practice?handler=Calendar", ("calendarTitle", "Meeting at Elm Street"), ("reminderOffsets", "tomorrow"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a time before the session", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("1440,90", (await SchedulingSteps.RowsAsync(app, db => db.Practices.Where(p => p.CalendarTitle == "Meeting at Elm Street"))).Single().ReminderOffsets);

        // Digits of other scripts are not read as numbers (they ended in a 500); the error stands by its field, not in another form.
        var arabic = await therapist.Visitor.PostAsync("/Practice", "/Practice?handler=Calendar", ("calendarTitle", "Meeting at Elm Street"), ("reminderOffsets", "\u0661h"));
        Assert.Equal(HttpStatusCode.BadRequest, arabic.StatusCode);
        var page = await arabic.Content.ReadAsStringAsync(Ct);
        var invite = page[page.IndexOf("handler=Invite", StringComparison.Ordinal)..];
        Assert.DoesNotContain("is not a time before the session", invite[..invite.IndexOf("</form>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
    }
}
