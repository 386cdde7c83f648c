using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

// Issue 11, ADR 0023: a moment a phone kept offline arrives later, perhaps twice; it is saved once, at the time it
// was saved on the phone.
public sealed class MomentDeliveryTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static (string, string)[] Moment(Guid clientId, string? savedSecondsAgo = null) =>
    [
        ("Input.Pull", "Toward"), ("Input.Intensity", "6"), ("Input.Response", "RanOldPattern"),
        ("Input.ClientId", clientId.ToString()), ("Input.SavedSecondsAgo", savedSecondsAgo ?? ""),
    ];

    async Task<List<(Guid? ClientId, DateTimeOffset OccurredAt)>> MomentsOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        return (await db.ActivationEntries.Where(e => e.UserId == userId).Select(e => new { e.ClientId, e.OccurredAt }).ToListAsync(Ct))
            .Select(e => (e.ClientId, e.OccurredAt)).ToList();
    }

    [Fact]
    public async Task AMomentSentTwiceIsSavedOnceAtTheTimeThePhoneSavedIt()
    {
        var phone = new Visitor(app);
        var email = await phone.SignUpAsync();
        var id = Guid.NewGuid();
        // Saved three hours ago by the phone's own clock, however wrong that clock is: the age is sent, not a time of day.
        var savedAt = app.Clock.GetUtcNow().AddHours(-3);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostAsync("/Log", Moment(id, "10800"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostAsync("/Log", Moment(id, "10830"))).StatusCode);   // the answer was lost; sent again
        var moments = await MomentsOfAsync(email);
        Assert.Equal((id, savedAt), Assert.Single(moments));

        // The same id from someone else is their own moment: ids are per person.
        var other = new Visitor(app);
        var otherEmail = await other.SignUpAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync("/Log", Moment(id))).StatusCode);
        Assert.Single(await MomentsOfAsync(otherEmail));
        Assert.Single(await MomentsOfAsync(email));
    }

    [Fact]
    public async Task TwoDeliveriesAtOnceStillSaveOne()
    {
        var phone = new Visitor(app);
        var email = await phone.SignUpAsync();
        var id = Guid.NewGuid();
        var token = await phone.TokenAsync("/Log");
        var sends = Enumerable.Range(0, 6).Select(_ => phone.Client.PostAsync("/Log",
            new FormUrlEncodedContent(Moment(id).Append(("__RequestVerificationToken", token)).Select(f => KeyValuePair.Create(f.Item1, f.Item2))), Ct));
        var answers = await Task.WhenAll(sends);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(await MomentsOfAsync(email));
    }

    [Theory]
    [InlineData("tomorrow", "is not a whole number in range for saved seconds ago")]
    [InlineData("1.5", "is not a whole number in range for saved seconds ago")]
    [InlineData("-86400", "a time that has not happened yet")]
    [InlineData("200000000", "more than five years")]
    [InlineData("99999999999999999999", "is not a whole number in range for saved seconds ago")]
    public async Task AnAgeThatCannotBeRightIsRefusedAndSavesNothing(string savedSecondsAgo, string message)
    {
        var phone = new Visitor(app);
        var email = await phone.SignUpAsync();
        var response = await phone.PostAsync("/Log", Moment(Guid.NewGuid(), savedSecondsAgo));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Empty(await MomentsOfAsync(email));
    }

    [Fact]
    public async Task AClientIdThatIsNotAnIdIsRefused()
    {
        var phone = new Visitor(app);
        var email = await phone.SignUpAsync();
        var response = await phone.PostAsync("/Log", ("Input.Pull", "Toward"), ("Input.Intensity", "6"), ("Input.Response", "RanOldPattern"), ("Input.ClientId", "not-a-guid"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await MomentsOfAsync(email));
    }
}
