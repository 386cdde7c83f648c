using Microsoft.Extensions.DependencyInjection;
using SecureBase.Core.Statistics;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Questionnaires;

namespace SecureBase.Web.Tests;

// Issue 11: a norm set an operator imports with its source (securebase norms import) is what verdicts use
// from then on, and they name it; one measured about a target beats one for every target; without any,
// the local norms as before.
public sealed class ImportedNormSetTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static NormSet Published(string instrument, string? target, string source) => new($"published-{instrument}-{target ?? "all"}", $"{instrument} test norms",
        instrument, NormOrigin.Published, source,
        [new NormEntry("anxiety", 3.5, 1.1, 0.85, ReliabilityKind.TestRetest, 200), new NormEntry("avoidance", 3.0, 1.0, 0.8, ReliabilityKind.TestRetest, 200)], target);

    async Task StoreAsync(params NormSet[] sets)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.NormSets.RemoveRange(db.NormSets);
        await db.SaveChangesAsync(Ct);   // apart: a set removed and added again under its id would become an update, its old entries kept
        db.NormSets.AddRange(sets.Select(s => StoredNormSet.From(s, DateTimeOffset.UtcNow)));
        await db.SaveChangesAsync(Ct);
    }

    async Task<NormSet> ChosenAsync(string instrument, string? target)
    {
        using var scope = app.Services.CreateScope();
        var pack = scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().Find(instrument)!;
        return await app.Services.GetRequiredService<LocalNormSets>().ForAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), pack, target, DateTimeOffset.UtcNow, Ct);
    }

    [Fact]
    public async Task AnImportedSetIsUsedAndNamedAndTheMostSpecificOneWins()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await QuestionnaireTests.CompleteEcrRAsync(visitor, item => 1 + item % 7);
        app.Clock.Advance(TimeSpan.FromMinutes(10));   // a later sitting, inside the 30 idle minutes
        var later = await QuestionnaireTests.CompleteEcrRAsync(visitor, item => 7 - item % 3);
        var before = System.Net.WebUtility.HtmlDecode(await (await visitor.GetAsync($"/Questionnaires/Result/{later}")).Content.ReadAsStringAsync(Ct));
        Assert.True(before.Contains("Norm set used: Local norms", StringComparison.Ordinal), before[Math.Max(0, before.IndexOf("Is the change", StringComparison.Ordinal))..]);

        await StoreAsync(Published("ecr-r", null, "Imported-Source-7781 (2026), test-retest over 30 days"),
            Published("ecr-rs", null, "every target"), Published("ecr-rs", "partner", "partners only"));
        var after = System.Net.WebUtility.HtmlDecode(await (await visitor.GetAsync($"/Questionnaires/Result/{later}")).Content.ReadAsStringAsync(Ct));
        Assert.Contains("Norm set used: Imported-Source-7781 (2026), test-retest over 30 days.", after, StringComparison.Ordinal);
        Assert.Contains("RCI ", after, StringComparison.Ordinal);   // a judged change now shows its index

        Assert.Equal("partners only", (await ChosenAsync("ecr-rs", "partner")).Source);
        Assert.Equal("every target", (await ChosenAsync("ecr-rs", "mother")).Source);
        await StoreAsync(Published("ecr-rs", "partner", "partners only"));
        Assert.Equal(NormOrigin.Local, (await ChosenAsync("ecr-rs", "mother")).Origin);
        Assert.Equal(NormOrigin.Local, (await ChosenAsync("ecr-r", null)).Origin);
    }
}
