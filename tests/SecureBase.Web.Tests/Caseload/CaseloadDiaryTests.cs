using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Tests.Practice;
using SecureBase.Web.Tests.Scheduling;

namespace SecureBase.Web.Tests.Caseload;

// The caseload keeps each therapist's diary between views (ADR 0025) and must still show every change to it
// at once: attendance marked in the app, and a cancellation or a correction written by another instance of
// the app on the same database (a second context, as another server would write). Each change follows a
// view, so a diary kept from that view would show the old state.
public sealed partial class CaseloadDiaryTests(PracticeApp app) : IClassFixture<PracticeApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("data-label=\"(Needs attention|Weeks since first session|Attendance|Next session)\">(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    static async Task<Dictionary<string, string>> RowAsync(Person therapist)
    {
        var page = WebUtility.HtmlDecode(await (await therapist.Visitor.GetAsync("/Clients")).Content.ReadAsStringAsync(Ct));
        return Cell().Matches(page).ToDictionary(m => m.Groups[1].Value, m => Regex.Replace(m.Groups[2].Value, "<[^>]+>|\\s+", " ").Trim());
    }

    async Task WriteElsewhereAsync(Func<AppDbContext, Task> change) => await app.InScopeAsync(async s =>
    {
        var db = s.GetRequiredService<AppDbContext>();
        await change(db);
        return await db.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task TheCaseloadShowsEveryChangeToTheDiaryAtOnceWhereverItWasMade()
    {
        var (therapist, _, series, _) = await SchedulingSteps.WeeklyClientAsync(app);
        await therapist.SignInAsync();
        var first = await RowAsync(therapist);
        Assert.NotEqual("None booked", first["Next session"]);

        // Another instance cancels the first occurrence: the next session is a week later.
        await WriteElsewhereAsync(db =>
        {
            db.OccurrenceChanges.Add(new OccurrenceChange { SeriesId = series.Id, OriginalDate = series.StartDate, PracticeId = series.PracticeId, Cancelled = true, ChangedBy = SecureBase.Core.Scheduling.ChangedBy.Therapist });
            return Task.CompletedTask;
        });
        var afterCancel = await RowAsync(therapist);
        Assert.NotEqual(first["Next session"], afterCancel["Next session"]);

        // A day after the cancelled one was due: no session has taken place yet.
        var began = app.Clock.GetUtcNow();
        app.Clock.Advance(new DateTimeOffset(series.StartDate.AddDays(1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) - began);
        await therapist.SignInAsync();
        Assert.Equal("No session yet", (await RowAsync(therapist))["Weeks since first session"]);

        // Three weeks on: two sessions have passed unmarked. Marked as missed in the app, they raise the flag.
        app.Clock.Advance(began + TimeSpan.FromDays(7 * 3 + 8) - app.Clock.GetUtcNow());
        await therapist.SignInAsync();
        Assert.Contains("No flags", (await RowAsync(therapist))["Needs attention"], StringComparison.Ordinal);
        foreach (var week in new[] { 1, 2 })
        {
            var marked = await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings", "/Schedule?handler=Mark",
                ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7 * week))), ("attendance", "NoShow"));
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }
        var missed = await RowAsync(therapist);
        Assert.Contains("the last two sessions missed", missed["Needs attention"], StringComparison.Ordinal);

        // Acknowledged, it stays quiet; the same mark again is no news; a different one, recorded after, is.
        var digest = $"/Clients/{series.ClientId}/Digest";
        Assert.Equal(HttpStatusCode.Redirect, (await therapist.Visitor.PostAsync(digest, $"{digest}?handler=Acknowledge", ("Acknowledge.Key", "SessionsMissedInARow"))).StatusCode);
        Assert.Contains("No flags", (await RowAsync(therapist))["Needs attention"], StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        async Task MarkAsync(int week, string outcome) => Assert.Equal(HttpStatusCode.Redirect, (await SchedulingSteps.PostWithTokenAsync(therapist, "/Schedule/Settings",
            "/Schedule?handler=Mark", ("seriesId", $"{series.Id}"), ("date", Date(series.StartDate.AddDays(7 * week))), ("attendance", outcome))).StatusCode);
        await MarkAsync(1, "NoShow");
        Assert.Contains("No flags", (await RowAsync(therapist))["Needs attention"], StringComparison.Ordinal);
        await MarkAsync(1, "LateCancellation");
        Assert.Contains("the last two sessions missed", (await RowAsync(therapist))["Needs attention"], StringComparison.Ordinal);

        // Another instance corrects both to attended: the flag goes, the attendance counts them.
        await WriteElsewhereAsync(async db =>
        {
            foreach (var change in db.OccurrenceChanges.Where(c => c.SeriesId == series.Id && (c.Attendance == SessionAttendance.NoShow || c.Attendance == SessionAttendance.LateCancellation))) change.Attendance = SessionAttendance.Attended;
            await Task.CompletedTask;
        });
        var corrected = await RowAsync(therapist);
        Assert.Contains("No flags", corrected["Needs attention"], StringComparison.Ordinal);
        Assert.StartsWith("2 sessions in a row", corrected["Attendance"], StringComparison.Ordinal);
    }
}
