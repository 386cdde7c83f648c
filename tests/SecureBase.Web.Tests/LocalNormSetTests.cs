using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Web.Features.Questionnaires;

namespace SecureBase.Web.Tests;

// Local norm sets are kept between requests (recomputing them read every baseline's answers); what they
// say must still follow the data at once: a new person's first sitting joins them, a later sitting of
// someone already in them changes nothing, an erased account leaves them.
public sealed class LocalNormSetTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // How many baselines the norms hold (each subscale's N; pages never show it).
    async Task<int> BaselinesAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pack = scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().Find("ecr-r")!;
        return (await app.Services.GetRequiredService<LocalNormSets>().ForAsync(db, pack, null, DateTimeOffset.UtcNow, Ct)).Entries.Max(e => e.N);
    }

    [Fact]
    public async Task TheNormsFollowEveryChangeToTheBaselines()
    {
        var first = new Visitor(app);
        await first.SignUpAsync("norms-first@example.org");
        await QuestionnaireTests.CompleteEcrRAsync(first, item => 1 + item % 7);
        Assert.Equal(1, await BaselinesAsync());

        var second = new Visitor(app);
        await second.SignUpAsync("norms-second@example.org");
        await QuestionnaireTests.CompleteEcrRAsync(second, item => 1 + item % 5);
        Assert.Equal(2, await BaselinesAsync());

        await QuestionnaireTests.CompleteEcrRAsync(first, item => 7 - item % 3);   // a later sitting: not a baseline
        Assert.Equal(2, await BaselinesAsync());

        var delete = await second.PostAsync("/MyData/Delete", ("Password", "correct horse battery staple"));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(1, await BaselinesAsync());
    }
}
