using System.Net;
using NodaTime;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Scheduling;

// What a tester found by trying to break scheduling: bookings beyond the horizon missed by a new series,
// an occurrence moved far from its date missed by the free-slot page, a move read on the wrong clock after
// a zone change, changes nobody was told of, a client moving past the offered window.
public sealed class SchedulingEdgeTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    async Task<(Person Therapist, string Path)> PracticeAsync(string zone = "America/New_York", int horizonWeeks = 8)
    {
        var name = $"e{Guid.NewGuid():N}"[..10];
        var owner = await PracticeSteps.AddPracticeAsync(app, $"Practice {name}", $"{name}@example.org");
        return (owner, await SchedulingSteps.OpenBookingAsync(app, owner, zone, horizonWeeks: horizonWeeks));
    }

    // A handler argument that cannot be empty and was sent something unreadable is refused before the
    // handler runs: "weekly=on" had been read as false and approved a single session.
    [Fact]
    public async Task AnUnreadableChoiceIsRefusedNotReadAsItsDefault()
    {
        var (therapist, path) = await PracticeAsync();
        var slot = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", week: 1))[0];
        var id = await SchedulingSteps.HoldAsync(app, path, slot, "Ari", $"ari-{Guid.NewGuid():N}@example.org");
        foreach (var (name, value) in new[] { ("weekly", "on"), ("weekly", "1"), ("requestId", "not-an-id") })
        {
            var fields = new[] { ("requestId", $"{id}"), ("weekly", "true") }.Select(f => f.Item1 == name ? (name, value) : f).ToArray();
            var answer = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule/Requests?handler=Approve", fields);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }
        Assert.Equal(RequestState.Held, (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Id == id))).Single().State);
    }

    // Dates and times are read as <input type="date|time"> writes them, never by the server's culture
    // ("25/11/2026" meant a day in one culture and another or none in the next), with a message that says how.
    [Fact]
    public async Task DatesAndTimesInFormsAreReadOnlyAsTheFormsWriteThem()
    {
        var (therapist, _) = await PracticeAsync();
        var before = await DatabaseSnapshot.TakeAsync(app);
        (string, string)[] Fields(string from, string dayOff) =>
        [
            ("Input.PublicPage", "true"), ("Input.DisplayName", "Dr Culture"), ("Input.Handle", $"c{Guid.NewGuid():N}"[..12]), ("Input.TimeZone", "America/New_York"),
            ("Input.SessionMinutes", "50"), ("Input.BufferMinutes", "10"), ("Input.NoticeHours", "24"), ("Input.HorizonWeeks", "8"), ("Input.HoldHours", "48"),
            ("Input.AddDayOff", dayOff),
            .. Enumerable.Range(0, 7).SelectMany(i => new[] { ($"Input.Days[{i}].Open", i < 5 ? "true" : "false"), ($"Input.Days[{i}].From", from), ($"Input.Days[{i}].To", "17:00") }),
        ];
        foreach (var (from, dayOff, message) in new[]
                 {
                     ("9.30", "", "'9.30' is not a time: enter it as hours:minutes, like 09:30."),
                     ("09:30", "01/12/2026", "'01/12/2026' is not a date: enter it as year-month-day"),
                 })
        {
            var refused = await therapist.Visitor.PostAsync("/Schedule/Settings", Fields(from, dayOff));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await BodyAsync(refused)), StringComparison.Ordinal);
        }
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(app));

        // The audit page's dates: refused with the reason (400), and no count of entries that would read as "none".
        foreach (var (query, reason) in new[] { ("From=25%2F11%2F2026", "'25/11/2026' is not a date: enter it as year-month-day, like 2026-11-30."),
                     ("From=2026-12-01&To=2026-11-01", "The end date is before the start date."), ("To=9999-12-31", "Choose an end date between 2000 and 2100.") })
        {
            var refusedAudit = await therapist.Visitor.GetAsync($"/Practice/Audit?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refusedAudit.StatusCode);
            var audit = System.Net.WebUtility.HtmlDecode(await BodyAsync(refusedAudit));
            Assert.Contains(reason, audit, StringComparison.Ordinal);
            Assert.DoesNotContain("0 entries", audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AWeeklySeriesMeetsASessionBookedBeyondTheHorizonAndIsRefused()
    {
        var (therapist, path) = await PracticeAsync(horizonWeeks: 52);
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var near = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 1))[0];
        // The same weekday and local time 30 weeks on (across the spring change), booked while the horizon was a year.
        var far = Instant.FromUnixTimeSeconds(near).InZone(zone).LocalDateTime.PlusWeeks(30).InZoneLeniently(zone).ToInstant().ToUnixTimeSeconds();
        var farRequest = await SchedulingSteps.HoldAsync(app, path, far, "Far", $"far-{Guid.NewGuid():N}@example.org", weekly: false);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, farRequest, weekly: false)).StatusCode);
        await SchedulingSteps.OpenBookingAsync(app, therapist, "America/New_York", horizonWeeks: 8, handle: path.Split('/')[3]);

        var nearRequest = await SchedulingSteps.HoldAsync(app, path, near, "Near", $"near-{Guid.NewGuid():N}@example.org");
        var refused = await SchedulingSteps.ApproveAsync(therapist, nearRequest, weekly: true);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("week 31", await BodyAsync(refused), StringComparison.Ordinal);
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientName == "Near")));
        // As one session it is fine.
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, nearRequest, weekly: false)).StatusCode);
    }

    [Fact]
    public async Task AnOccurrenceMovedFarFromItsDateIsNotOfferedAsFree()
    {
        var (therapist, path) = await PracticeAsync();
        var first = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 1))[0];
        var request = await SchedulingSteps.HoldAsync(app, path, first, "Mo", $"mo-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, request, weekly: true)).StatusCode);
        var series = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientName == "Mo"))).Single();
        // Week 2 moves five weeks on, to a free time an hour later than the series.
        var target = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 6)).First(s => s != SchedulingSteps.WeeksAfter(first, 5, "America/New_York") && s != SchedulingSteps.WeeksAfter(first, 6, "America/New_York"));
        var local = Instant.FromUnixTimeSeconds(target).InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).LocalDateTime;
        var moved = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Move",
            ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7))), ("to", local.ToString("uuuu-MM-dd'T'HH:mm", null)));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.DoesNotContain(target, await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 6));
        // Nor can anyone confirm it (the request would only meet the database's refusal).
        Assert.Equal(HttpStatusCode.BadRequest, (await SchedulingSteps.RequestAsync(new Visitor(app), path, target, "Late", "late@example.org", zone: "America/New_York",
            formSlot: (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 6))[0])).StatusCode is var status && status == HttpStatusCode.Conflict ? HttpStatusCode.BadRequest : status);
    }

    [Fact]
    public async Task AfterAZoneChangeAMoveIsReadOnTheClockThePageShowsAndTheClientIsTold()
    {
        var (therapist, path) = await PracticeAsync();
        var first = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 1))[0];
        var email = $"z-{Guid.NewGuid():N}@example.org";
        var request = await SchedulingSteps.HoldAsync(app, path, first, "Zed", email);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, request, weekly: true)).StatusCode);
        var series = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == email))).Single();
        await SchedulingSteps.OpenBookingAsync(app, therapist, "Asia/Kolkata", horizonWeeks: 8, handle: path.Split('/')[3]);

        var kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var to = Instant.FromUnixTimeSeconds(first).Plus(Duration.FromDays(8)).InZone(kolkata).LocalDateTime;   // a day after week 2, typed on the Kolkata clock
        var moved = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Move",
            ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7))), ("to", to.ToString("uuuu-MM-dd'T'HH:mm", null)));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var change = (await SchedulingSteps.RowsAsync(app, db => db.OccurrenceChanges.Where(c => c.SeriesId == series.Id))).Single();
        var stored = LocalDate.FromDateOnly(change.MovedToDate!.Value).At(LocalTime.FromTimeOnly(change.MovedToTime!.Value))
            .InZoneLeniently(DateTimeZoneProviders.Tzdb[series.TimeZoneId]).ToInstant();
        Assert.Equal(first + 8 * 86400, stored.ToUnixTimeSeconds());

        var told = app.Mail().Last(m => m.To == email);
        Assert.Equal("Your session has changed", told.Subject);
        Assert.Contains("moved the session of", told.Body, StringComparison.Ordinal);
        Assert.Contains("Only this session changed", told.Body, StringComparison.Ordinal);
        Assert.Contains("on Dr ", app.Mail().Last(m => m.To == email && m.Subject == "Your request was accepted").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientMovesOnlyIntoTheTimesOfferedAndTheTherapistIsTold()
    {
        var (therapist, path) = await PracticeAsync();
        var first = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 1))[0];
        var email = $"m-{Guid.NewGuid():N}@example.org";
        var request = await SchedulingSteps.HoldAsync(app, path, first, "Max", email);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, request, weekly: true)).StatusCode);
        var client = new Person(app, email);
        await client.AcceptInvitationAsync();
        var series = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == email))).Single();
        var address = $"/Sessions/Move?seriesId={series.Id}&date={Date(series.StartDate.AddDays(28))}";
        var far = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 6))[2];   // free, but beyond the two weeks offered
        var refused = await client.Visitor.PostAsync(address, address, ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(28))), ("to", $"{far}"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose one of the times offered.", await BodyAsync(refused), StringComparison.Ordinal);
        Assert.Empty(await SchedulingSteps.RowsAsync(app, db => db.OccurrenceChanges.Where(c => c.SeriesId == series.Id)));

        var cancelled = await SchedulingSteps.PostWithTokenAsync(client, "/Accounts/Profile", "/Sessions?handler=Cancel", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(28))), ("reason", "travelling"));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var told = app.Mail().Last(m => m.To == therapist.Email);
        Assert.Equal("A client changed a session", told.Subject);
        Assert.Contains("Max cancelled the session of", told.Body, StringComparison.Ordinal);
        Assert.Contains("travelling", told.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APastSessionCannotBeTheStartOfAChange()
    {
        var (therapist, path) = await PracticeAsync();
        var first = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 1))[0];
        var request = await SchedulingSteps.HoldAsync(app, path, first, "Pat", $"p-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, request, weekly: true)).StatusCode);
        var series = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientName == "Pat"))).Single();
        app.Clock.Advance(TimeSpan.FromDays(15));
        await therapist.SignInAsync();
        var to = LocalDate.FromDateOnly(series.StartDate).PlusWeeks(4).At(new LocalTime(15, 0)).ToString("uuuu-MM-dd'T'HH:mm", null);
        var refused = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=ChangeFrom", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate)), ("to", to));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Choose a session still to come", await BodyAsync(refused), StringComparison.Ordinal);
        Assert.Null((await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.Id == series.Id))).Single().Until);
    }

    // New York and London change clocks on different dates: 10:00 in New York and 14:00 in London are the
    // same instant only for the weeks between the two changes (9–23 March 2026, beyond a 4-week horizon).
    // An app of its own, so that its clock starts on 5 January 2026 whatever the class's other tests did.
    [Fact]
    public async Task TwoSeriesOnDifferentClocksThatMeetOnlyBetweenTwoClockChangesAreRefused()
    {
        await using var own = new PracticeApp();
        var name = $"e{Guid.NewGuid():N}"[..10];
        var therapist = await PracticeSteps.AddPracticeAsync(own, $"Practice {name}", $"{name}@example.org");
        var path = await SchedulingSteps.OpenBookingAsync(own, therapist, "America/New_York", horizonWeeks: 4);
        var handle = path.Split('/')[3];
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var ten = (await SchedulingSteps.SlotsAsync(new Visitor(own), path, "America/New_York", 1))
            .First(s => Instant.FromUnixTimeSeconds(s).InZone(newYork) is var z && z.DayOfWeek == IsoDayOfWeek.Monday && z.TimeOfDay == new LocalTime(10, 0));
        var alice = await SchedulingSteps.HoldAsync(own, path, ten, "Alice", $"a-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, alice, weekly: true)).StatusCode);

        await SchedulingSteps.OpenBookingAsync(own, therapist, "Europe/London", horizonWeeks: 4, handle: handle);
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var two = (await SchedulingSteps.SlotsAsync(new Visitor(own), path, "Europe/London", 1))
            .First(s => Instant.FromUnixTimeSeconds(s).InZone(london) is var z && z.DayOfWeek == IsoDayOfWeek.Monday && z.TimeOfDay == new LocalTime(14, 0));
        var bob = await SchedulingSteps.HoldAsync(own, path, two, "Bob", $"b-{Guid.NewGuid():N}@example.org");
        var refused = await SchedulingSteps.ApproveAsync(therapist, bob, weekly: true);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var refusal = await BodyAsync(refused);
        // Spring (three weeks, beyond the horizon) and autumn (one week, beyond the horizon too), all named.
        Assert.Contains("week 9 (Mon 9 Mar 2026) meets Alice&#x27;s weekly session on Mon 9 Mar 2026", refusal, StringComparison.Ordinal);
        Assert.Contains("week 11 (Mon 23 Mar 2026)", refusal, StringComparison.Ordinal);
        Assert.Contains("week 42 (Mon 26 Oct 2026) meets Alice", refusal, StringComparison.Ordinal);
        Assert.Equal(["Alice"], (await SchedulingSteps.RowsAsync(own, db => db.StandingSeries.Where(s => s.ClientName == "Alice" || s.ClientName == "Bob"))).Select(s => s.ClientName));
    }

    [Fact]
    public async Task TheClientIsToldWhenTheirWeeklyTimeChangesOrEnds()
    {
        var (therapist, path) = await PracticeAsync();
        var first = (await SchedulingSteps.SlotsAsync(new Visitor(app), path, "America/New_York", 1))[0];
        var email = $"w-{Guid.NewGuid():N}@example.org";
        var request = await SchedulingSteps.HoldAsync(app, path, first, "Wren", email);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, request, weekly: true)).StatusCode);
        var series = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == email))).Single();
        var to = LocalDate.FromDateOnly(series.StartDate).PlusWeeks(2).PlusDays(1).At(new LocalTime(16, 0)).ToString("uuuu-MM-dd'T'HH:mm", null);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=ChangeFrom",
            ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(14))), ("to", to))).StatusCode);
        var changed = app.Mail().Last(m => m.To == email);
        Assert.Equal("Your weekly session has changed", changed.Subject);
        // Told in the zone they booked in (Berlin), with the therapist's clock named.
        var firstNew = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Parse(to).Value
            .InZoneLeniently(DateTimeZoneProviders.Tzdb["America/New_York"]).ToInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        var expected = $"your weekly session is every {firstNew.DayOfWeek} at {firstNew.TimeOfDay:HH':'mm} your time (16:00 on Dr ";
        Assert.True(changed.Body.Contains(expected, StringComparison.Ordinal), changed.Body);

        var next = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == email && s.Id != series.Id))).Single();
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=EndSeries",
            ("seriesId", $"{next.Id}"), ("date", Date(next.StartDate.AddDays(7))))).StatusCode);
        Assert.Contains("Your weekly sessions end after", app.Mail().Last(m => m.To == email).Body, StringComparison.Ordinal);
    }
}
