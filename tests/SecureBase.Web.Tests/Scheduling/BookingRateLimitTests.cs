using System.Net;
using SecureBase.Web.Tests.Practice;

namespace SecureBase.Web.Tests.Scheduling;

// The practice app with its shipped booking limit (10 requests per address per hour).
public sealed class DefaultBookingLimitApp : PracticeApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [];
}

public sealed class BookingRateLimitTests(DefaultBookingLimitApp app) : IClassFixture<DefaultBookingLimitApp>
{
    [Fact]
    public async Task TheEleventhRequestFromOneAddressInAnHourIsRefusedAndThePageStillLoads()
    {
        var therapist = await PracticeSteps.AddPracticeAsync(app, "Limited Practice", "limited@example.org");
        var path = await SchedulingSteps.OpenBookingAsync(app, therapist);
        var slots = await SchedulingSteps.SlotsAsync(new Visitor(app), path);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await SchedulingSteps.RequestAsync(new Visitor(app), path, slots[i], $"Bot {i}", $"bot{i}@example.org")).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, 10).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(10, (await SchedulingSteps.RowsAsync(app, db => db.BookingRequests)).Count);
        Assert.Equal(HttpStatusCode.OK, (await new Visitor(app).GetAsync(path)).StatusCode);
    }
}
