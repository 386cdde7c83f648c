using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Scheduling;

// A stranger books from the public page, confirms, is approved as a standing weekly client, and moves one
// session; declines and expiries are told; bad input changes nothing. Each test has its own practice.
public sealed class SchedulingFlowTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    async Task<(Person Therapist, string Path)> PracticeAsync(string zone = "Europe/Berlin", int holdHours = 48)
    {
        var name = $"p{Guid.NewGuid():N}"[..10];
        var owner = await PracticeSteps.AddPracticeAsync(app, $"Practice {name}", $"{name}@example.org");
        return (owner, await SchedulingSteps.OpenBookingAsync(app, owner, zone, holdHours: holdHours));
    }

    [Fact]
    public async Task AStrangerBooksConfirmsIsApprovedWeeklyAndMovesOneSession()
    {
        var (therapist, path) = await PracticeAsync();
        var visitor = new Visitor(app);
        var page = await BodyAsync(await visitor.GetAsync($"{path}?zone=America%2FNew_York"));
        Assert.Contains("All times are in America/New_York", page, StringComparison.Ordinal);
        Assert.Contains("Please do not include health details", await BodyAsync(await visitor.GetAsync($"{path}?zone=America%2FNew_York&slot={(await SchedulingSteps.SlotsAsync(visitor, path))[0]}")), StringComparison.Ordinal);

        var slots = await SchedulingSteps.SlotsAsync(visitor, path);
        var slot = slots[3];
        var email = $"sam-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.RequestAsync(visitor, path, slot, "Sam", email, weekly: true, zone: "America/New_York")).StatusCode);
        // Unconfirmed, it holds nothing: the time is still offered.
        Assert.Contains(slot, await SchedulingSteps.SlotsAsync(new Visitor(app), path));
        var mail = app.Mail().Last(m => m.To == email);
        Assert.Equal("Please confirm your request", mail.Subject);
        Assert.Contains("(America/New_York)", mail.Body, StringComparison.Ordinal);

        var token = SchedulingSteps.ConfirmToken(app, email);
        var opened = await BodyAsync(await visitor.GetAsync($"/book/confirm?token={token}"));
        Assert.Contains("Confirm my request", opened, StringComparison.Ordinal);   // opening the link alone holds nothing
        Assert.Contains(slot, await SchedulingSteps.SlotsAsync(new Visitor(app), path));
        Assert.Contains("The time is held for you", await BodyAsync(await SchedulingSteps.ConfirmAsync(visitor, token)), StringComparison.Ordinal);
        Assert.DoesNotContain(slot, await SchedulingSteps.SlotsAsync(new Visitor(app), path));
        Assert.Contains(app.Mail(), m => m.To == therapist.Email && m.Subject == "A new session request is waiting");

        var requests = await BodyAsync(await therapist.Visitor.GetAsync("/Schedule/Requests"));
        Assert.Contains("Sam", requests, StringComparison.Ordinal);
        Assert.Contains("hopes for a weekly time", requests, StringComparison.Ordinal);
        var request = (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Email == email))).Single();
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, request.Id, weekly: true)).StatusCode);
        Assert.Contains(app.Mail(), m => m.To == email && m.Subject == "Your request was accepted" && m.Body.Contains("standing weekly session", StringComparison.Ordinal));
        // A second tap (or a second tab) is told it was done, and nothing is sent or booked twice.
        foreach (var again in new[] { await SchedulingSteps.ApproveAsync(therapist, request.Id, weekly: true), await SchedulingSteps.ApproveAsync(therapist, request.Id, weekly: false) })
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("You have already approved that request", await BodyAsync(again), StringComparison.Ordinal);
        }
        Assert.Single(app.Mail(), m => m.To == email && m.Subject == "Your request was accepted");
        var series = (await SchedulingSteps.RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == email))).Single();
        Assert.Null(series.ClientId);
        var local = Instant.FromUnixTimeSeconds(slot).InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).LocalDateTime;
        Assert.Equal((int)local.DayOfWeek, series.Day);
        Assert.Equal(local.TimeOfDay.ToTimeOnly(), series.Time);
        // The weekly time is gone from the page for every week of the horizon (the same local time each week,
        // which is not always 7 × 24 hours later: the class's clock may be near a change of offset).
        for (var week = 1; week < 4; week++)
            Assert.DoesNotContain(SchedulingSteps.WeeksAfter(slot, week), await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: week));

        // The approval invited them; accepting makes the series theirs.
        var client = new Person(app, email);
        await client.AcceptInvitationAsync();
        var sessions = await BodyAsync(await client.Visitor.GetAsync("/Sessions"));
        Assert.Contains("your weekly session", sessions, StringComparison.Ordinal);
        var berlinText = Instant.FromUnixTimeSeconds(SchedulingSteps.WeeksAfter(slot, 1)).InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains(berlinText, sessions, StringComparison.Ordinal);

        // The client moves the second occurrence into a free time; the others stay.
        var secondDate = series.StartDate.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var moveAddress = $"/Sessions/Move?seriesId={series.Id}&date={secondDate}";
        var movePage = await BodyAsync(await client.Visitor.GetAsync(moveAddress));
        var target = System.Text.RegularExpressions.Regex.Matches(movePage, "name=\"to\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).Skip(2).First();
        var moved = await client.Visitor.PostAsync(moveAddress, moveAddress, ("seriesId", $"{series.Id}"), ("date", secondDate), ("to", target));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var change = (await SchedulingSteps.RowsAsync(app, db => db.OccurrenceChanges.Where(c => c.SeriesId == series.Id))).Single();
        Assert.Equal(SecureBase.Core.Scheduling.ChangedBy.Client, change.ChangedBy);
        Assert.Contains("weekly, week 2, moved", await BodyAsync(await therapist.Visitor.GetAsync($"/Schedule?week={Instant.FromUnixTimeSeconds(long.Parse(target, System.Globalization.CultureInfo.InvariantCulture)).InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}")), StringComparison.Ordinal);
        // The old time of that week is free again, the moved-to time is not; the week after is still taken.
        var freeNow = await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 1);
        Assert.DoesNotContain(long.Parse(target, System.Globalization.CultureInfo.InvariantCulture), freeNow.Concat(await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 2)));
        Assert.DoesNotContain(SchedulingSteps.WeeksAfter(slot, 2), await SchedulingSteps.SlotsAsync(new Visitor(app), path, week: 2));
    }

    [Fact]
    public async Task EveryOutcomeIsToldDeclinedWithTheMessageAndExpiredWhenTheHoldEnds()
    {
        var (therapist, path) = await PracticeAsync(holdHours: 2);
        var slots = await SchedulingSteps.SlotsAsync(new Visitor(app), path);
        var declinedEmail = $"d-{Guid.NewGuid():N}@example.org";
        var declined = await SchedulingSteps.HoldAsync(app, path, slots[0], "Dee", declinedEmail);
        var answer = await therapist.Visitor.PostAsync("/Schedule/Requests", "/Schedule/Requests?handler=Decline", ("requestId", $"{declined}"), ("message", "I have no space for new clients until spring."));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var mail = app.Mail().Last(m => m.To == declinedEmail);
        Assert.Equal("About your request", mail.Subject);
        Assert.Contains("I have no space for new clients until spring.", mail.Body, StringComparison.Ordinal);
        Assert.Contains(slots[0], await SchedulingSteps.SlotsAsync(new Visitor(app), path));   // released

        var expiredEmail = $"e-{Guid.NewGuid():N}@example.org";
        var expiring = await SchedulingSteps.HoldAsync(app, path, slots[1], "Eve", expiredEmail);
        var held = (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Id == expiring))).Single();
        Assert.Equal(held.ConfirmedAt!.Value.AddHours(2), held.HeldUntil);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await therapist.SignInAsync();
        var answered = await BodyAsync(await therapist.Visitor.GetAsync("/Schedule/Requests"));
        Assert.Contains("No requests are waiting for an answer.", answered, StringComparison.Ordinal);
        Assert.Contains("expired without an answer", answered, StringComparison.Ordinal);
        Assert.Contains(app.Mail(), m => m.To == expiredEmail && m.Body.Contains("has not answered your request", StringComparison.Ordinal));
        Assert.Equal(RequestState.Expired, (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Id == expiring))).Single().State);
        // An expired request cannot be approved afterwards: the page says what became of it.
        var late = await SchedulingSteps.ApproveAsync(therapist, expiring, weekly: false);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("That request expired before it was answered", await BodyAsync(late), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHoldNeverOutlastsTheSlotItself()
    {
        var (_, path) = await PracticeAsync(holdHours: 168);
        var slot = (await SchedulingSteps.SlotsAsync(new Visitor(app), path))[0];
        var id = await SchedulingSteps.HoldAsync(app, path, slot, "Hal", $"h-{Guid.NewGuid():N}@example.org");
        var request = (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Id == id))).Single();
        Assert.Equal(request.Start, request.HeldUntil);
    }

    [Fact]
    public async Task BadRequestsGetAClearAnswerAndChangeNothing()
    {
        var (therapist, path) = await PracticeAsync();
        var visitor = new Visitor(app);
        var slots = await SchedulingSteps.SlotsAsync(visitor, path);
        var before = await SchedulingSteps.RowsAsync(app, db => db.BookingRequests);
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var night = slots[^1] + 10 * 3600;   // the small hours after the last slot of the week: outside the hours
        foreach (var (bad, why) in new[]
                 {
                     (night, "That is not one of the times offered."), (now - 3600, "That time has passed."), (now + 3600, "That time is too soon: Dr "),
                     (slots[0] + 60, "That is not one of the times offered."), (slots[0] + 400L * 86400, "Bookings are open 26 weeks ahead."),
                     (-5, "That is not one of the times offered."), (long.MaxValue, "That is not one of the times offered."),
                 })
        {
            var response = await SchedulingSteps.RequestAsync(visitor, path, bad, "Bo", "bo@example.org", formSlot: slots[0]);
            var body = await BodyAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body.Contains(why, StringComparison.Ordinal),
                $"{bad}: {response.StatusCode} {System.Text.RegularExpressions.Regex.Match(body, "<li>[^<]*</li>").Value}");
        }
        var spoofed = await SchedulingSteps.RequestAsync(visitor, path, slots[0], "A\u202eB", "bo@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        Assert.Contains("Use letters, digits, spaces and punctuation only.", await BodyAsync(spoofed), StringComparison.Ordinal);
        var unknownZone = await SchedulingSteps.RequestAsync(visitor, path, slots[0], "Bo", "bo@example.org", zone: "Mars/Olympus_Mons");
        Assert.Equal(HttpStatusCode.BadRequest, unknownZone.StatusCode);
        Assert.Contains("Choose your time zone from the list.", await BodyAsync(unknownZone), StringComparison.Ordinal);
        var badEmail = await SchedulingSteps.RequestAsync(visitor, path, slots[0], "Bo", "not-an-address");
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        var longMessage = await SchedulingSteps.RequestAsync(visitor, path, slots[0], "Bo", "bo@example.org", message: new string('x', 501));
        Assert.Equal(HttpStatusCode.BadRequest, longMessage.StatusCode);
        Assert.Equal(before.Count, (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests)).Count);

        // The honeypot: looks sent, stores and mails nothing.
        var page = $"{path}?zone=Europe%2FBerlin&slot={slots[0]}";
        var mails = app.Mail().Count;
        var bot = await visitor.PostAsync(page, page, ("Input.Slot", $"{slots[0]}"), ("Input.TimeZone", "Europe/Berlin"), ("Input.Name", "Bot"),
            ("Input.Email", "bot@example.org"), ("Input.Weekly", "false"), ("Input.Message", ""), ("Input.Website", "http://spam.example"));
        Assert.Equal(HttpStatusCode.Redirect, bot.StatusCode);
        Assert.Equal(before.Count, (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests)).Count);
        Assert.Equal(mails, app.Mail().Count);

        // A forged series id, someone else's request, a move to a malformed time: 404 or a message, nothing changed.
        var forged = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Cancel", ("seriesId", $"{Guid.NewGuid()}"), ("date", "2026-03-02"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SchedulingSteps.ApproveAsync(therapist, Guid.NewGuid(), weekly: true)).StatusCode);
        var other = await PracticeAsync();
        var othersRequest = await SchedulingSteps.HoldAsync(app, other.Path, (await SchedulingSteps.SlotsAsync(visitor, other.Path))[0], "Ola", $"o-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await SchedulingSteps.ApproveAsync(therapist, othersRequest, weekly: true)).StatusCode);
        Assert.Equal(RequestState.Held, (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests.Where(r => r.Id == othersRequest))).Single().State);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/book/nowhere/nobody")).StatusCode);
    }

    [Fact]
    public async Task ASessionAtTenInNewYorkStaysAtTenAcrossTheSpringChange()
    {
        var (therapist, path) = await PracticeAsync(zone: "America/New_York");
        var visitor = new Visitor(app);
        // The first Monday 10:00 New York time that is offered.
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var slot = (await SchedulingSteps.SlotsAsync(visitor, path, "America/New_York")).Concat(await SchedulingSteps.SlotsAsync(visitor, path, "America/New_York", 1))
            .First(s => Instant.FromUnixTimeSeconds(s).InZone(zone) is var z && z.DayOfWeek == IsoDayOfWeek.Monday && z.TimeOfDay == new LocalTime(10, 0));
        var email = $"ny-{Guid.NewGuid():N}@example.org";
        var id = await SchedulingSteps.HoldAsync(app, path, slot, "Nia", email);
        Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.ApproveAsync(therapist, id, weekly: true)).StatusCode);
        // The schedule shows a week at a time: the week of that first Monday, then the week ten weeks on.
        var monday = Instant.FromUnixTimeSeconds(slot).InZone(zone).Date;
        var schedule = await BodyAsync(await therapist.Visitor.GetAsync($"/Schedule?week={monday:yyyy-MM-dd}"));
        Assert.Contains("Times on your booking clock, America/New_York", schedule, StringComparison.Ordinal);
        Assert.Contains("10:00 · Nia", schedule, StringComparison.Ordinal);
        // Ten weeks on, past 8 March: still 10:00 on the therapist's clock, an hour earlier in UTC.
        app.Clock.Advance(TimeSpan.FromDays(70));
        await therapist.SignInAsync();   // a session ends after idling that long
        schedule = await BodyAsync(await therapist.Visitor.GetAsync($"/Schedule?week={monday.PlusWeeks(10):yyyy-MM-dd}"));
        Assert.Contains("10:00 · Nia", schedule, StringComparison.Ordinal);
        Assert.DoesNotContain("11:00 · Nia", schedule, StringComparison.Ordinal);
        Assert.DoesNotContain("09:00 · Nia", schedule, StringComparison.Ordinal);
    }
}
