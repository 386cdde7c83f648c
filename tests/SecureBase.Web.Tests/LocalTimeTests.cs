using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

// Times people type are read in their own zone by one rule (Core.Time.LocalTimes); zone names are any
// IANA name or alias, stored canonical; an untouched "When" means the moment of saving.
public partial class LocalTimeTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"Input.When\" type=\"datetime-local\" value=\"([^\"]*)\"")]
    private static partial Regex WhenValue();

    [GeneratedRegex("name=\"Input.WhenShown\" value=\"([^\"]*)\"")]
    private static partial Regex WhenShownValue();

    async Task<(DateTimeOffset OccurredAt, string TimeZoneId)> LatestAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
        var latest = await db.ActivationEntries.Where(e => e.UserId == user.Id).ToListAsync(Ct);
        return (latest.OrderByDescending(e => e.CreatedAt).Select(e => e.OccurredAt).FirstOrDefault(), user.TimeZoneId);
    }

    [Fact]
    public async Task AnUntouchedWhenIsTheMomentOfSavingNotOfLoadingThePage()
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        var page = await visitor.Client.GetStringAsync("/Log", Ct);
        var (when, shown) = (WhenValue().Match(page).Groups[1].Value, WhenShownValue().Match(page).Groups[1].Value);
        Assert.Equal(when, shown);
        app.Clock.Advance(TimeSpan.FromSeconds(75));
        var saved = app.Clock.GetUtcNow();
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.When", when), ("Input.WhenShown", shown));
        Assert.Equal(saved, (await LatestAsync(email)).OccurredAt);
    }

    [Theory]
    [InlineData("Australia/Lord_Howe", "2025-10-05T02:15", "2025-10-04T15:45:00+00:00", "Sun 5 Oct, 02:45")]   // 30-minute gap
    [InlineData("Antarctica/Troll", "2025-03-30T01:30", "2025-03-30T01:30:00+00:00", "Sun 30 Mar, 03:30")]      // two-hour gap
    [InlineData("America/New_York", "2025-11-02T01:30", "2025-11-02T05:30:00+00:00", "Sun 2 Nov, 01:30")]       // the earlier of two
    [InlineData("Asia/Kolkata", "2025-12-01T09:00", "2025-12-01T03:30:00+00:00", "Mon 1 Dec, 09:00")]
    public async Task ATypedTimeInsideADaylightSavingTransitionFollowsTheRule(string zone, string typed, string stored, string shown)
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync(timeZone: zone);
        var response = await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.When", typed));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), (await LatestAsync(email)).OccurredAt);
        Assert.Contains(shown, await visitor.Client.GetStringAsync("/Log", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asia/Tokyo", "0001-01-01T00:00", "more than five years ago")]
    [InlineData("Asia/Tokyo", "9999-12-31T23:00", "has not happened yet")]
    [InlineData("Asia/Tokyo", "9999-12-31T23:59", "has not happened yet")]
    [InlineData("America/New_York", "9999-12-31T23:59", "has not happened yet")]
    [InlineData("Pacific/Kiritimati", "0001-01-01T00:00", "more than five years ago")]
    public async Task TimesAtTheEndsOfTheCalendarAreRefusedNotAnError(string zone, string typed, string message)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync(timeZone: zone);
        var response = await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"),
            ("Input.When", typed), ("Input.WhenShown", "2026-01-05T18:00"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    [InlineData("Europe/Kiev", "Europe/Kyiv")]
    [InlineData("America/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Saigon", "Asia/Ho_Chi_Minh")]
    [InlineData("Asia/Katmandu", "Asia/Kathmandu")]
    public async Task AnOlderZoneNameIsAcceptedAndStoredCanonical(string alias, string canonical)
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync(timeZone: alias);
        Assert.Equal(canonical, (await LatestAsync(email)).TimeZoneId);
        var profile = await visitor.PostAsync("/Accounts/Profile", ("Input.TimeZone", "Europe/Kiev"));
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Equal("Europe/Kyiv", (await LatestAsync(email)).TimeZoneId);
    }

    [Fact]
    public async Task TheSignUpListPreselectsNothingAndOffersEachZonesOlderNames()
    {
        var page = await new Visitor(app).Client.GetStringAsync("/Accounts/SignUp", Ct);
        Assert.Contains("<option value=\"\" selected=\"selected\">Choose your time zone</option>", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "selected=\"selected\""));
        Assert.Matches("<option value=\"Asia/Kolkata\" data-aliases=\"[^\"]*Asia/Calcutta", page);
        var unlisted = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", $"z-{Guid.NewGuid():N}@example.org"), ("Input.Password", "correct horse battery staple"), ("Input.TimeZone", "Etc/GMT+12"));
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
        var none = await new Visitor(app).PostAsync("/Accounts/SignUp", ("Input.Email", $"z-{Guid.NewGuid():N}@example.org"), ("Input.Password", "correct horse battery staple"), ("Input.TimeZone", ""));
        Assert.Contains("Choose your time zone from the list.", await none.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
