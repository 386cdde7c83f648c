using System.Net;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Scheduling;

// What happens to sessions after approval: the client's notice, the therapist's cancellations on the
// client's timeline, a series changed from a date onward, a break, attendance and its figures.
public sealed class SessionChangeTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    Task<(Person Therapist, Person Client, SeriesRow Series, string Path)> WeeklyClientAsync() => SchedulingSteps.WeeklyClientAsync(app);

    static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheClientCancelsUpToTheNoticeAndIsToldToCallAfterIt()
    {
        var (_, client, series, _) = await WeeklyClientAsync();
        var second = Date(series.StartDate.AddDays(7));
        var cancelled = await SchedulingSteps.PostWithTokenAsync(client, "/Accounts/Profile", "/Sessions?handler=Cancel", ("seriesId", $"{series.Id}"), ("date", second), ("reason", "a work trip"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var change = (await SchedulingSteps.RowsAsync(app, db => db.OccurrenceChanges.Where(c => c.SeriesId == series.Id))).Single();
        Assert.Equal((true, ChangedBy.Client, "a work trip"), (change.Cancelled, change.ChangedBy, change.Reason));

        // The first session is less than 24 hours away once the clock reaches its eve: too late to change here.
        var first = await SchedulingSteps.RowsAsync(app, db => db.TimeClaims.Where(c => c.Holder == $"series:{series.Id:N}:{Date(series.StartDate)}"));
        var start = DateTimeOffset.FromUnixTimeSeconds(first.Min(c => c.Minute) * 60);
        app.Clock.Advance(start - app.Clock.GetUtcNow() - TimeSpan.FromHours(23));
        await client.SignInAsync();
        Assert.Contains("please contact your therapist", await BodyAsync(await client.Visitor.GetAsync("/Sessions")), StringComparison.Ordinal);
        var late = await SchedulingSteps.PostWithTokenAsync(client, "/Accounts/Profile", "/Sessions?handler=Cancel", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate)));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("too late to cancel this session here", await BodyAsync(late), StringComparison.Ordinal);
        var moveLate = await client.Visitor.GetAsync($"/Sessions/Move?seriesId={series.Id}&date={Date(series.StartDate)}");
        Assert.Contains("too late to move this session here", await BodyAsync(moveLate), StringComparison.Ordinal);
        Assert.Single(await SchedulingSteps.RowsAsync(app, db => db.OccurrenceChanges.Where(c => c.SeriesId == series.Id)));
    }

    [Fact]
    public async Task ATherapistsCancellationAndABreakReachTheClientsTimeline()
    {
        var (therapist, client, series, _) = await WeeklyClientAsync();
        var cancelled = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Cancel", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate)), ("reason", "I am ill"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var from = series.StartDate.AddDays(14);
        var pause = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Break", ("from", Date(from)), ("to", Date(from.AddDays(13))), ("reason", "winter holiday"));
        Assert.Equal(HttpStatusCode.Redirect, pause.StatusCode);
        Assert.Contains("count=2", pause.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Break announced: 2 sessions cancelled.", await BodyAsync(await therapist.Visitor.GetAsync(pause.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        var echoed = await BodyAsync(await therapist.Visitor.GetAsync("/Schedule?done=break&count=-5"));
        Assert.Contains("Break announced. Your clients see it", echoed, StringComparison.Ordinal);
        Assert.DoesNotContain("-5 sessions", echoed, StringComparison.Ordinal);
        // A break in the past, or ending before it starts, is refused with what is wrong.
        foreach (var (first, last, message) in new[] { (series.StartDate.AddDays(-60), series.StartDate.AddDays(-50), "A break starts today or later"),
                     (from.AddDays(5), from, "The last day of the break is before its first day") })
        {
            var refused = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Break", ("from", Date(first)), ("to", Date(last)));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await BodyAsync(refused), StringComparison.Ordinal);
        }

        var progress = await BodyAsync(await client.Visitor.GetAsync("/Progress"));
        Assert.Contains("Your therapist cancelled this session (I am ill)", progress, StringComparison.Ordinal);
        Assert.Equal(2, progress.Split("Your therapist cancelled this session (winter holiday)").Length - 1);
        var sessions = await BodyAsync(await client.Visitor.GetAsync("/Sessions"));
        Assert.Contains("cancelled by your therapist (I am ill)", sessions, StringComparison.Ordinal);
        // Week 2 still stands; the freed times are offered again.
        Assert.Contains(Date(series.StartDate.AddDays(7)), string.Join(",", (await SchedulingSteps.RowsAsync(app, db => db.TimeClaims.Where(c => c.Holder.StartsWith($"series:{series.Id:N}:")))).Select(c => c.Holder)), StringComparison.Ordinal);
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.TimeClaims.Where(c => c.Holder == $"series:{series.Id:N}:{Date(series.StartDate)}")));
    }

    [Fact]
    public async Task ASeriesChangedFromADateKeepsItsEarlierPartAndRefusesACollision()
    {
        var (therapist, _, series, path) = await WeeklyClientAsync();
        var zone = DateTimeZoneProviders.Tzdb[series.TimeZoneId];
        var cutoff = series.StartDate.AddDays(21);   // week 4
        var newFirst = LocalDate.FromDateOnly(cutoff).PlusDays(1).At(new LocalTime(16, 0));
        var changed = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=ChangeFrom",
            ("seriesId", $"{series.Id}"), ("date", Date(cutoff)), ("to", newFirst.ToString("uuuu-MM-dd'T'HH:mm", null)));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var all = await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == series.ClientEmail));
        Assert.Equal(2, all.Count);
        var old = all.Single(s => s.Id == series.Id);
        Assert.Equal(cutoff.AddDays(-1), old.Until);
        var next = all.Single(s => s.Id != series.Id);
        Assert.Equal((series.ClientId, new TimeOnly(16, 0), (int)newFirst.DayOfWeek), (next.ClientId, next.Time, next.Day));
        // The old weeks 1-3 keep their claims; week 4 on is released.
        var claims = (await SchedulingSteps.RowsAsync(app, db => db.TimeClaims.Where(c => c.Holder.StartsWith($"series:{series.Id:N}:")))).Select(c => c.Holder[^10..]).Distinct().Order().ToList();
        Assert.Equal([Date(series.StartDate), Date(series.StartDate.AddDays(7)), Date(series.StartDate.AddDays(14))], claims);

        // Changing the new series onto a time that another client holds is refused and changes nothing.
        var otherSlot = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 6))[0];
        var other = await SchedulingSteps.HoldAsync(app, path, otherSlot, "Oli", $"o-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, other, weekly: false)).StatusCode);
        var onto = Instant.FromUnixTimeSeconds(otherSlot).InZone(zone).LocalDateTime;
        var refused = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=ChangeFrom",
            ("seriesId", $"{next.Id}"), ("date", Date(next.StartDate)), ("to", onto.ToString("uuuu-MM-dd'T'HH:mm", null)));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var refusal = await BodyAsync(refused);
        Assert.True(refusal.Contains("meets", StringComparison.Ordinal), refusal[refusal.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Equal(2, (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == series.ClientEmail))).Count);
        Assert.Null((await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.Id == next.Id))).Single().Until);
    }

    // A tester sent two cancellations of one session at the same moment: both were accepted and the client had two emails.
    [Fact]
    public async Task TwoCancellationsAtOnceCancelOnceAndTellTheClientOnce()
    {
        var (therapist, _, series, _) = await WeeklyClientAsync();
        var before = app.Mail().Count(m => m.To == series.ClientEmail && m.Subject == "Your session has changed");
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Cancel",
            ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7))), ("reason", $"twice {i}"))));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(before + 1, app.Mail().Count(m => m.To == series.ClientEmail && m.Subject == "Your session has changed"));
        // Moving it now is refused: its time must not be claimed back by a cancelled session.
        var move = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Move",
            ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7))), ("to", $"{Date(series.StartDate.AddDays(8))}T10:00"));
        Assert.NotEqual(HttpStatusCode.Redirect, move.StatusCode);
    }

    // A tester moved a session to 01:30 on the night the clocks go forward: it was saved as 02:30 without a word.
    [Fact]
    public async Task ATimeTheClockNeverShowsIsRefusedWithWhy()
    {
        var (therapist, _, series, _) = await WeeklyClientAsync();
        foreach (var handler in new[] { "Move", "ChangeFrom" })
        {
            var refused = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", $"/Schedule?handler={handler}",
                ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7))), ("to", "2027-03-28T02:30"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("There is no 02:30 on 28 Mar 2027 in Europe/Berlin: the clocks go forward then.", await BodyAsync(refused), StringComparison.Ordinal);
        }
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.OccurrenceChanges.Where(c => c.SeriesId == series.Id)));
    }

    [Fact]
    public async Task AttendanceIsMarkedOncePastAndSummedUp()
    {
        var (therapist, _, series, _) = await WeeklyClientAsync();
        var early = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Mark", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate)), ("attendance", "Attended"));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("once the session has begun", await BodyAsync(early), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(7 * 3 + 8));
        await therapist.SignInAsync();
        // The four sessions that have begun wait under "Not marked yet"; the page shows one week at a time.
        var waiting = await BodyAsync(await therapist.Visitor.GetAsync("/Schedule"));
        Assert.Contains("Not marked yet", waiting, StringComparison.Ordinal);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(waiting[waiting.IndexOf("Not marked yet", StringComparison.Ordinal)..], "name=\"attendance\""));
        var firstWeek = await BodyAsync(await therapist.Visitor.GetAsync($"/Schedule?week={Date(series.StartDate)}"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(firstWeek[..firstWeek.IndexOf("Not marked yet", StringComparison.Ordinal)], " · Cam</span>"));
        foreach (var far in new[] { Date(series.StartDate.AddDays(-7 * 40)), Date(series.StartDate.AddDays(7 * 70)), "soon" })
        {
            var refused = await therapist.Visitor.GetAsync($"/Schedule?week={far}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.Contains("Choose a week from 26 weeks back to a year ahead", await BodyAsync(await therapist.Visitor.GetAsync($"/Schedule?week={Date(series.StartDate.AddDays(7 * 70))}")), StringComparison.Ordinal);
        foreach (var (week, outcome) in new[] { (0, "Attended"), (1, "NoShow"), (2, "Attended"), (3, "Attended") })
        {
            var marked = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Mark", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7 * week))), ("attendance", outcome));
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }
        foreach (var odd in new[] { "Maybe", "1", " Attended", "attended" })
        {
            var bad = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Mark", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate)), ("attendance", odd));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        // Marked from the week it was shown in: back to that week, not to this one.
        var fromItsWeek = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Mark", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate)),
            ("attendance", "Attended"), ("week", Date(series.StartDate)));
        Assert.Equal($"/Schedule?done=marked&week={Date(series.StartDate)}#week", fromItsWeek.Headers.Location?.OriginalString);
        // A day that is not one of the series' sessions (a page left open after the series changed): 409, said.
        var stale = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Mark", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(1))), ("attendance", "Attended"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("That session is no longer on your schedule", await BodyAsync(stale), StringComparison.Ordinal);
        var schedule = await BodyAsync(await therapist.Visitor.GetAsync("/Schedule"));
        Assert.DoesNotContain("Not marked yet", schedule, StringComparison.Ordinal);
        // Cam: 2 weeks in a row, 3 of 4 attended (75 %), one no-show.
        Assert.Matches("<th scope=\"row\">\\s*<a href=\"/Clients/[^\"]+/Digest\">Cam</a>\\s*</th><td[^>]*>2</td>\\s*<td[^>]*>75% of 4</td>\\s*<td[^>]*>0</td><td[^>]*>0</td><td[^>]*>1</td>", schedule);
    }

    [Fact]
    public async Task TheOwnerSetsTheNoticeClientsMayChangeWithin()
    {
        var (therapist, _, _, _) = await WeeklyClientAsync();
        var saved = await therapist.Visitor.PostAsync("/Practice", "/Practice?handler=Notice", ("noticeHours", "48"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("value=\"48\"", await BodyAsync(await therapist.Visitor.GetAsync("/Practice")), StringComparison.Ordinal);
        var bad = await therapist.Visitor.PostAsync("/Practice", "/Practice?handler=Notice", ("noticeHours", "-3"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from 0 to 168", await BodyAsync(bad), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientWhoDeletesTheirAccountTakesTheirSessionsAndFreesTheTime()
    {
        var (_, client, series, path) = await WeeklyClientAsync();
        var firstCell = (await SchedulingSteps.RowsAsync(app, db => db.TimeClaims.Where(c => c.Holder == $"series:{series.Id:N}:{Date(series.StartDate.AddDays(7))}"))).Min(c => c.Minute);
        Assert.DoesNotContain(firstCell * 60, await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 2));
        var deleted = await client.Visitor.PostAsync("/MyData/Delete", ("Password", client.Password));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.Id == series.Id)));
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.TimeClaims.Where(c => c.Holder.StartsWith($"series:{series.Id:N}:"))));
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Email == client.Email)));
        Assert.Contains(firstCell * 60, await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 2));
        Assert.False(await app.DatabaseContainsAsync(client.Email), "the address is still in the database files");
    }
}
