using NodaTime;
using SecureBase.Core.Scheduling;

namespace SecureBase.Core.Tests.Scheduling;

// When a reminder is due, as a table: offsets 24 h and 2 h, a session at 10:00 UTC on 10 March, booked on 1 March unless said.
public sealed class ReminderRuleTests
{
    static readonly Instant Start = Instant.FromUtc(2027, 3, 10, 10, 0);
    static readonly Duration[] Offsets = [Duration.FromHours(24), Duration.FromHours(2)];

    [Theory]
    [InlineData("2027-03-01T12:00", "2027-03-09T09:59", null)]        // before the first moment
    [InlineData("2027-03-01T12:00", "2027-03-09T10:00", 24)]          // the 24-hour moment
    [InlineData("2027-03-01T12:00", "2027-03-10T07:59", 24)]          // still due until the next one
    [InlineData("2027-03-01T12:00", "2027-03-10T08:00", 2)]           // the 2-hour moment: only the later one
    [InlineData("2027-03-01T12:00", "2027-03-10T09:59", 2)]
    [InlineData("2027-03-01T12:00", "2027-03-10T10:00", null)]        // begun: nothing
    [InlineData("2027-03-09T20:00", "2027-03-09T21:00", null)]        // booked after the 24-hour moment: skipped
    [InlineData("2027-03-09T20:00", "2027-03-10T08:30", 2)]           // …but the 2-hour one goes
    [InlineData("2027-03-10T09:00", "2027-03-10T09:30", null)]        // booked within the last offset: none
    public void DueNow(string bookedAt, string now, int? expectedHours)
    {
        static Instant At(string text) => NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(text).Value.InUtc().ToInstant();
        Assert.Equal(expectedHours is { } h ? Duration.FromHours(h) : null, Reminders.DueNow(Start, At(bookedAt), Offsets, At(now)));
    }

    [Theory]
    [InlineData("24h, 2h", "1440,120", null)]
    [InlineData("2h,24h,2h", "1440,120", null)]
    [InlineData("1h30m; 45m", "90,45", null)]
    [InlineData("", "", null)]
    [InlineData("tomorrow", "", "\"tomorrow\" is not a time before the session. Write hours and minutes, such as 24h, 2h or 30m.")]
    [InlineData("2m", "", "2m is outside 5 minutes to 14 days before the session.")]
    [InlineData("400h", "", "400h is outside 5 minutes to 14 days before the session.")]
    [InlineData("1h,2h,3h,4h,5h", "", "Four reminders at most.")]
    [InlineData("\u0661h", "", "\"\u0661h\" is not a time before the session. Write hours and minutes, such as 24h, 2h or 30m.")]   // Arabic-Indic one
    [InlineData("\uFF12h", "", "\"\uFF12h\" is not a time before the session. Write hours and minutes, such as 24h, 2h or 30m.")]   // full-width two
    [InlineData("1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h,1h", "", "Keep the reminder times to 60 characters, such as 24h, 2h.")]
    public void ParsedOffsets(string text, string stored, string? error)
    {
        var (offsets, problem) = Reminders.ParseOffsets(text);
        Assert.Equal((stored, error), (Reminders.ToMinutes(offsets), problem));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(30, 60)]
    public void RetryAfter(int attempts, int minutes) => Assert.Equal(Duration.FromMinutes(minutes), Reminders.RetryAfter(attempts));
}
