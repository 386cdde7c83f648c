using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Cli.Practice;
using SecureBase.Core.Audit;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Practices;

namespace SecureBase.Cli.Tests;

// `securebase setup` and `securebase audit verify` against a database of their own.
public sealed class PracticeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-practice-").FullName;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    CliSettings Settings => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SecureBase:DataDirectory"] = _folder,
    }).Build());

    async Task<(int Code, string Out, string Err)> SetupAsync(string password, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SetupCommand.RunAsync(Settings, args, new StringReader(password + "\n"), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    async Task<(int Code, string Out)> VerifyAsync()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await AuditCommand.RunAsync(Settings, ["verify"], stdout, stderr);
        return (code, stdout.ToString());
    }

    ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureBaseData(Settings.Configuration);
        services.AddSecureBaseIdentityCore();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task SetupCreatesThePracticeAndItsOwnerAndDeletesTheWebSetupCode()
    {
        var codeFile = new SetupCodeFile(Settings.Configuration);
        codeFile.Ensure();
        var (code, output, error) = await SetupAsync("river stones and quiet tea", "--practice", "Riverside Therapy", "--time-zone", "Asia/Calcutta", "--email", "owner@example.org");
        Assert.True(code == 0, error);
        Assert.Contains("Riverside Therapy", output, StringComparison.Ordinal);
        Assert.DoesNotContain("river stones and quiet tea", output, StringComparison.Ordinal);
        Assert.False(File.Exists(codeFile.Path));

        await using var services = Services();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var practice = await db.Practices.SingleAsync(Ct);
        Assert.Equal("Asia/Kolkata", practice.TimeZoneId);   // the canonical name
        var owner = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("owner@example.org");
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CheckPasswordAsync(owner!, "river stones and quiet tea"));
        var member = await db.PracticeMembers.SingleAsync(Ct);
        Assert.Equal((practice.Id, owner!.Id, Core.Sharing.PracticeRole.Owner), (member.PracticeId, member.UserId, member.Role));
    }

    [Fact]
    public async Task ASecondPracticeNeedsAnotherOwner()
    {
        Assert.Equal(0, (await SetupAsync("river stones and quiet tea", "--practice", "One", "--time-zone", "Europe/Berlin", "--email", "owner@example.org")).Code);
        var (code, _, error) = await SetupAsync("river stones and quiet tea", "--practice", "Two", "--time-zone", "Europe/Berlin", "--email", "owner@example.org");
        Assert.Equal(2, code);
        Assert.Contains("already belongs to a practice", error, StringComparison.Ordinal);
        Assert.Equal(0, (await SetupAsync("a different long phrase", "--practice", "Two", "--time-zone", "Europe/Berlin", "--email", "second@example.org")).Code);
    }

    [Theory]
    [InlineData("river stones and quiet tea", new[] { "--time-zone", "Europe/Berlin", "--email", "o@example.org" }, "--practice NAME")]
    [InlineData("river stones and quiet tea", new[] { "--practice", "P", "--time-zone", "Mars/Olympus", "--email", "o@example.org" }, "--time-zone")]
    [InlineData("river stones and quiet tea", new[] { "--practice", "P", "--time-zone", "Europe/Berlin", "--email", "not an address" }, "--email")]
    [InlineData("short", new[] { "--practice", "P", "--time-zone", "Europe/Berlin", "--email", "o@example.org" }, "12")]
    [InlineData("", new[] { "--practice", "P", "--time-zone", "Europe/Berlin", "--email", "o@example.org" }, "no password")]
    public async Task BadSetupInputIsNamedAndChangesNothing(string password, string[] args, string named)
    {
        var (code, _, error) = await SetupAsync(password, args);
        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        await using var services = Services();
        await services.MigrateDatabaseAsync(Ct);
        using var scope = services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Practices.CountAsync(Ct));
    }

    [Fact]
    public async Task AuditVerifyNamesTheFirstEditedDeletedOrSwappedEntry()
    {
        Assert.Equal(0, (await SetupAsync("river stones and quiet tea", "--practice", "P", "--time-zone", "Europe/Berlin", "--email", "o@example.org")).Code);
        await using var services = Services();
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var practice = await db.Practices.SingleAsync(Ct);
            for (var i = 0; i < 6; i++)
                await AuditLog.AppendAsync(db, practice.Id, new AuditFields(0, AuditLog.StorableTime(DateTimeOffset.UtcNow), "therapist", "therapist", "client",
                    "Scores", null, "Scores", "read", i % 2 == 0, "127.0.0.1"), Ct);
        }
        Assert.Equal(0, (await VerifyAsync()).Code);

        async Task TamperAsync(string sql)
        {
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql, Ct);
        }

        // An edited outcome: refused made to look allowed.
        await TamperAsync("UPDATE AuditEntries SET Allowed = 1 WHERE Sequence = 2");
        var edited = await VerifyAsync();
        Assert.Equal(1, edited.Code);
        Assert.Contains("breaks at entry 2", edited.Out, StringComparison.Ordinal);
        await TamperAsync("UPDATE AuditEntries SET Allowed = 0 WHERE Sequence = 2");
        Assert.Equal(0, (await VerifyAsync()).Code);

        // Two entries swapped.
        await TamperAsync("UPDATE AuditEntries SET Sequence = -3 WHERE Sequence = 3; UPDATE AuditEntries SET Sequence = 3 WHERE Sequence = 4; UPDATE AuditEntries SET Sequence = 4 WHERE Sequence = -3");
        Assert.Contains("breaks at entry 3", (await VerifyAsync()).Out, StringComparison.Ordinal);
        await TamperAsync("UPDATE AuditEntries SET Sequence = -3 WHERE Sequence = 3; UPDATE AuditEntries SET Sequence = 3 WHERE Sequence = 4; UPDATE AuditEntries SET Sequence = 4 WHERE Sequence = -3");
        Assert.Equal(0, (await VerifyAsync()).Code);

        // One deleted.
        await TamperAsync("DELETE FROM AuditEntries WHERE Sequence = 5");
        var deleted = await VerifyAsync();
        Assert.Equal(1, deleted.Code);
        Assert.Contains("breaks at entry 6", deleted.Out, StringComparison.Ordinal);
    }
}
