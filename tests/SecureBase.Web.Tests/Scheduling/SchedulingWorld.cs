using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Scheduling;

// Booking the way people do it: the therapist opens their page, a visitor asks for a time and confirms
// by the emailed link, the therapist answers.
public static partial class SchedulingSteps
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("slot=(\\d+)\"")]
    private static partial Regex SlotPattern();

    // A practice whose owner has one weekly client (signed in, the series theirs); returns both and the series.
    public static async Task<(Person Therapist, Person Client, SeriesRow Series, string Path)> WeeklyClientAsync(PracticeApp app, string zone = "Europe/Berlin")
    {
        var name = $"s{Guid.NewGuid():N}"[..10];
        var therapist = await PracticeSteps.AddPracticeAsync(app, $"Practice {name}", $"{name}@example.org");
        var path = await OpenBookingAsync(app, therapist, zone);
        var email = $"c-{name}@example.org";
        var slot = (await SlotsAsync(new Visitor(app), path, zone, week: 1))[0];
        var id = await HoldAsync(app, path, slot, "Cam", email);
        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(therapist, id, weekly: true)).StatusCode);
        var client = new Person(app, email);
        await client.AcceptInvitationAsync();
        var series = (await RowsAsync(app, db => db.StandingSeries.Where(s => s.ClientEmail == email))).Single();
        Assert.NotNull(series.ClientId);
        return (therapist, client, series, path);
    }

    // Weekdays 09:00–17:00 (or the hours given) on the therapist's clock, 50 + 10 minutes; returns the page's address.
    public static async Task<string> OpenBookingAsync(PracticeApp app, Person therapist, string zone = "Europe/Berlin", int horizonWeeks = 26,
        int noticeHours = 24, int holdHours = 48, string from = "09:00", string to = "17:00", string handle = "")
    {
        (string, string)[] fields =
        [
            ("Input.PublicPage", "true"), ("Input.DisplayName", "Dr " + therapist.Email.Split('@')[0]),
            ("Input.Handle", handle.Length > 0 ? handle : therapist.Email.Split('@')[0].Replace('.', '-')), ("Input.TimeZone", zone),
            ("Input.SessionMinutes", "50"), ("Input.BufferMinutes", "10"), ("Input.NoticeHours", $"{noticeHours}"), ("Input.HorizonWeeks", $"{horizonWeeks}"),
            ("Input.HoldHours", $"{holdHours}"),
            .. Enumerable.Range(0, 7).SelectMany(i => new[]
            {
                ($"Input.Days[{i}].Open", i < 5 ? "true" : "false"), ($"Input.Days[{i}].From", from), ($"Input.Days[{i}].To", to),
            }),
        ];
        var saved = await therapist.Visitor.PostAsync("/Schedule/Settings", fields);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        var page = await therapist.Visitor.Client.GetStringAsync("/Schedule/Settings", Ct);
        return Regex.Match(page, "href=\"(/book/[^\"]+)\"").Groups[1].Value;
    }

    // The slots offered on the page, as Unix seconds.
    public static async Task<IReadOnlyList<long>> SlotsAsync(Visitor visitor, string path, string zone = "Europe/Berlin", int week = 0)
    {
        var page = await visitor.Client.GetStringAsync($"{path}?zone={Uri.EscapeDataString(zone)}&week={week}", Ct);
        return SlotPattern().Matches(page).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    // Posts the form of the page for formSlot (default: the slot itself), asking for slot.
    public static Task<HttpResponseMessage> RequestAsync(Visitor visitor, string path, long slot, string name, string email, bool weekly = true, string zone = "Europe/Berlin",
        string? message = null, long? formSlot = null)
    {
        var page = $"{path}?zone={Uri.EscapeDataString(zone)}&slot={formSlot ?? slot}";
        return visitor.PostAsync(page, page, ("Input.Slot", $"{slot}"), ("Input.TimeZone", zone), ("Input.Name", name), ("Input.Email", email),
            ("Input.Weekly", weekly ? "true" : "false"), ("Input.Message", message ?? ""), ("Input.Website", ""));
    }

    // The token of the newest confirmation link mailed to the address.
    public static string ConfirmToken(SecureBaseApp app, string email)
    {
        var link = app.Mail().Last(m => m.To == email && m.Subject == "Please confirm your request").Link("/book/confirm");
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
    }

    public static Task<HttpResponseMessage> ConfirmAsync(Visitor visitor, string token) =>
        visitor.PostAsync($"/book/confirm?token={Uri.EscapeDataString(token)}", "/book/confirm", ("Token", token));

    // Request, confirm: the slot is held for this person.
    public static async Task<Guid> HoldAsync(PracticeApp app, string path, long slot, string name, string email, bool weekly = true)
    {
        var visitor = new Visitor(app);
        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(visitor, path, slot, name, email, weekly)).StatusCode);
        var confirmed = await ConfirmAsync(visitor, ConfirmToken(app, email));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await app.InScopeAsync(async s => (await s.GetRequiredService<AppDbContext>().BookingRequests.OrderByDescending(r => r.CreatedAt).FirstAsync(r => r.Email == email, Ct)).Id);
    }

    // Posts to an action with the person's anti-forgery token taken from another page's form: for handlers
    // whose own form a page shows only for some ids (a request, a session), so other ids can be tried.
    public static async Task<HttpResponseMessage> PostWithTokenAsync(Person person, string tokenPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await person.Visitor.TokenAsync(tokenPage);
        return await person.Visitor.Client.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token))), Ct);
    }

    public static Task<HttpResponseMessage> ApproveAsync(Person therapist, Guid requestId, bool weekly) =>
        PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule/Requests?handler=Approve", ("requestId", $"{requestId}"), ("weekly", weekly ? "true" : "false"));

    // The same wall-clock time some weeks after a slot (Unix seconds): not always weeks × 7 × 86,400 seconds
    // later, since a change of offset may fall between (test classes share a clock that others move on).
    public static long WeeksAfter(long slot, int weeks, string zone = "Europe/Berlin")
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        return tz.AtStrictly(Instant.FromUnixTimeSeconds(slot).InZone(tz).LocalDateTime.PlusWeeks(weeks)).ToInstant().ToUnixTimeSeconds();
    }

    public static Task<List<T>> RowsAsync<T>(PracticeApp app, Func<AppDbContext, IQueryable<T>> query) =>
        app.InScopeAsync(s => query(s.GetRequiredService<AppDbContext>()).ToListAsync(Ct));
}
