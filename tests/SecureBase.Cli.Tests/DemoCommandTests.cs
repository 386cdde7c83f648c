using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Cli.Demo;
using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-demo-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    CliSettings Settings => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SecureBase:DataDirectory"] = _folder,
    }).Build());

    [Fact]
    public async Task CreatesADemoClientWhoseSignInWorksAndWhoseYearLoosens()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await DemoCommand.RunAsync(Settings, [], stdout, stderr));
        var email = System.Text.RegularExpressions.Regex.Match(stdout.ToString(), "email: +(\\S+)").Groups[1].Value;
        var password = System.Text.RegularExpressions.Regex.Match(stdout.ToString(), "password: +(\\S+)").Groups[1].Value;

        var services = new ServiceCollection().AddLogging();
        services.AddSecureBaseData(Settings.Configuration);
        services.AddSecureBaseIdentityCore();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, password));

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var scores = await db.Administrations.Where(a => a.SubjectId == user.Id).Include(a => a.Scores).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, scores.Count);   // every three months
        Assert.All(scores, a => Assert.True(a.CompletedAt <= DateTimeOffset.UtcNow, "nothing in the future"));
        var anxiety = scores.OrderBy(a => a.CompletedAt).Select(a => a.Scores.Single(s => s.ScaleId == "anxiety").Value!.Value).ToList();
        Assert.True(anxiety[^1] < anxiety[0] - 1, $"anxiety should drift toward security: {string.Join(", ", anxiety)}");

        var entries = await db.ActivationEntries.Where(e => e.UserId == user.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(entries, e => Assert.True(e.OccurredAt <= DateTimeOffset.UtcNow, "nothing in the future"));
        var first = entries.Where(e => e.OccurredAt < entries.Min(x => x.OccurredAt).AddDays(91)).ToList();
        var last = entries.Where(e => e.OccurredAt > entries.Max(x => x.OccurredAt).AddDays(-91)).ToList();
        Assert.True(first.Count > last.Count, "fewer moments in the last quarter than the first");
        Assert.True(last.Average(e => e.Intensity) < first.Average(e => e.Intensity));

        var expectations = await db.ExpectationEntries.Where(e => e.UserId == user.Id && e.ExpectedCarePercent != null).ToListAsync(TestContext.Current.CancellationToken);
        var early = expectations.OrderBy(e => e.RecordedAt).Take(13).Average(e => e.ExpectedCarePercent!.Value);
        var late = expectations.OrderBy(e => e.RecordedAt).TakeLast(13).Average(e => e.ExpectedCarePercent!.Value);
        Assert.True(late > early + 15, $"expectations should rise toward what happens: {early:0} → {late:0}");
    }

    [Theory]
    [InlineData("--years", "0")]
    [InlineData("--years", "many")]
    [InlineData("--colour", "red")]
    public async Task BadOptionsAreRefused(string name, string value)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, await DemoCommand.RunAsync(Settings, [name, value], stdout, stderr));
        Assert.StartsWith("error:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APracticeDemoHasATherapistAndClientsWithVariedStories()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await DemoCommand.RunAsync(Settings, ["--practice", "--clients", "8", "--years", "2"], stdout, stderr));
        var email = System.Text.RegularExpressions.Regex.Match(stdout.ToString(), "email: +(\\S+)").Groups[1].Value;
        var password = System.Text.RegularExpressions.Regex.Match(stdout.ToString(), "password: +(\\S+)").Groups[1].Value;

        var services = new ServiceCollection().AddLogging();
        services.AddSecureBaseData(Settings.Configuration);
        services.AddSecureBaseIdentityCore();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var ct = TestContext.Current.CancellationToken;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var therapist = await users.FindByEmailAsync(email);
        Assert.NotNull(therapist);
        Assert.True(await users.CheckPasswordAsync(therapist, password));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var relationships = await db.CareRelationships.Where(r => r.TherapistId == therapist.Id).ToListAsync(ct);
        Assert.Equal(8, relationships.Count);
        Assert.Equal(7, await db.ConsentGrants.Select(g => g.RelationshipId).Distinct().CountAsync(ct));   // one shares nothing
        Assert.Equal(8, await db.StandingSeries.CountAsync(s => s.TherapistId == therapist.Id, ct));
        Assert.Equal(8, (await db.StandingSeries.Select(s => new { s.Day, s.Time }).ToListAsync(ct)).Distinct().Count());   // never two at one hour

        var clients = relationships.Select(r => r.ClientId).ToList();
        var anxietyByClient = new List<(double First, double Last)>();
        foreach (var id in clients)
        {
            var sittings = await db.Administrations.Where(a => a.SubjectId == id).Include(a => a.Scores).ToListAsync(ct);
            var anxiety = sittings.OrderBy(a => a.CompletedAt).Select(a => a.Scores.Single(s => s.ScaleId == "anxiety").Value!.Value).ToList();
            anxietyByClient.Add((anxiety[0], anxiety[^1]));
        }
        Assert.Single(anxietyByClient, a => a.Last > a.First + 2);   // one reliably worsening
        var lastMoments = await db.ActivationEntries.Where(e => clients.Contains(e.UserId)).GroupBy(e => e.UserId).Select(g => g.Max(e => e.OccurredAt)).ToListAsync(ct);
        Assert.Contains(lastMoments, last => last < DateTimeOffset.UtcNow.AddDays(-20));   // one stopped logging
        Assert.Equal(2, await db.OccurrenceChanges.CountAsync(c => c.Attendance == SessionAttendance.NoShow, ct));   // one missed the last two
        Assert.DoesNotContain("demo-client", stdout.ToString(), StringComparison.Ordinal);   // only the therapist's sign-in is printed
        // Enough first ECR-Rs on the server for local norms to judge change (a tester found 22 of the 30 needed).
        var baselines = await db.Administrations.Where(a => a.InstrumentId == "ecr-r" && a.CompletedAt != null).Select(a => a.SubjectId).Distinct().CountAsync(ct);
        Assert.True(baselines >= SecureBase.Core.Statistics.NormSet.MinimumLocalN, $"{baselines} baselines");
    }

    [Theory]
    [InlineData("--clients", "0")]
    [InlineData("--clients", "501")]
    [InlineData("--years", "11")]
    [InlineData("--colour", "red")]
    public async Task BadPracticeOptionsAreRefused(string name, string value)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, await DemoCommand.RunAsync(Settings, ["--practice", name, value], stdout, stderr));
        Assert.StartsWith("error:", stderr.ToString(), StringComparison.Ordinal);
    }
}
