using System.Globalization;
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

    static (string, string)[] Moment(Guid clientId, string? savedAt = null) =>
    [
        ("Input.Pull", "Toward"), ("Input.Intensity", "6"), ("Input.Response", "RanOldPattern"),
        ("Input.ClientId", clientId.ToString()), ("Input.SavedAt", savedAt ?? ""),
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
        var savedAt = app.Clock.GetUtcNow().AddHours(-3);
        var iso = savedAt.ToString("O", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostAsync("/Log", Moment(id, iso))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostAsync("/Log", Moment(id, iso))).StatusCode);   // the answer was lost; sent again
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
    [InlineData("tomorrow", "could not be read")]
    [InlineData("2099-01-01T00:00:00Z", "check the phone's clock")]
    [InlineData("2001-01-01T00:00:00Z", "more than five years ago")]
    public async Task ASavedTimeThatCannotBeRightIsRefusedAndSavesNothing(string savedAt, string message)
    {
        var phone = new Visitor(app);
        var email = await phone.SignUpAsync();
        var response = await phone.PostAsync("/Log", Moment(Guid.NewGuid(), savedAt));
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
