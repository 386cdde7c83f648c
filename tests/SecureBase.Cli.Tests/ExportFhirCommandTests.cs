using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Cli.Demo;
using SecureBase.Cli.Practice;
using SecureBase.Data;
using SecureBase.Data.Fhir;
using Task = System.Threading.Tasks.Task;

namespace SecureBase.Cli.Tests;

// `securebase export-fhir` on a year of demo data: the Bundle validates against the FHIR R4 base profiles
// with Firely's validator (0 errors), and read back it holds exactly our answers and scores.
public sealed class ExportFhirCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-fhir-").FullName;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    CliSettings Settings => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SecureBase:DataDirectory"] = Path.Combine(_folder, "data"),
        ["SecureBase:KeyDirectory"] = Path.Combine(_folder, "keys"),
    }).Build());

    async Task<Bundle> ExportAsync()
    {
        Assert.Equal(0, await DemoCommand.RunAsync(Settings, ["--years", "1"], TextWriter.Null, TextWriter.Null));
        var output = Path.Combine(_folder, "export.json");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(await ExportFhirCommand.RunAsync(Settings, ["--output", output], stdout, stderr) == 0, stderr.ToString());
        return FhirJson.Read<Bundle>(await File.ReadAllTextAsync(output, Ct));
    }

    [Fact]
    public async Task TheBundleValidatesAgainstTheR4BaseProfilesWithNoErrors()
    {
        var bundle = await ExportAsync();
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        var validator = new Validator(resolver, new LocalTerminologyService(resolver));
        var outcome = validator.Validate(bundle);
        var errors = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Details?.Text ?? i.Diagnostics} at {string.Join(",", i.Expression)}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(20)));
        Assert.Contains(bundle.Entry, e => e.Resource is Questionnaire { Url: "urn:securebase:fhir:Questionnaire:ecr-r" });
        Assert.Contains(bundle.Entry, e => e.Resource is Observation);
    }

    [Fact]
    public async Task ReadBackTheAnswersAndScoresAreOurs()
    {
        var bundle = await ExportAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddSecureBaseData(Settings.Configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ours = await db.Administrations.AsNoTracking().Include(a => a.Responses).Include(a => a.Scores).ToListAsync(Ct);
        Assert.NotEmpty(ours);

        var responses = bundle.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>().ToDictionary(r => Guid.Parse(r.Id!));
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToLookup(o => o.DerivedFrom.Single().Reference);
        Assert.Equal(ours.Count, responses.Count);
        foreach (var administration in ours)
        {
            var response = responses[administration.Id];
            Assert.StartsWith($"urn:securebase:fhir:Questionnaire:{administration.InstrumentId}|", response.Questionnaire, StringComparison.Ordinal);
            Assert.Equal(administration.Responses.OrderBy(r => r.ItemId, StringComparer.Ordinal).Select(r => (r.ItemId, r.Value)),
                response.Item.OrderBy(i => i.LinkId, StringComparer.Ordinal).Select(i => (i.LinkId!, ((Integer)i.Answer.Single().Value!).Value!.Value)));
            var scores = observations[$"urn:uuid:{response.Id}"].ToDictionary(o => o.Code.Coding.Single().Code!, o => (double)((Quantity)o.Value!).Value!.Value);
            var expected = administration.CompletedAt is null ? [] : administration.Scores.Where(s => s.Value is not null).ToList();
            Assert.Equal(expected.Count, scores.Count);
            foreach (var score in expected)
                Assert.Equal(score.Value!.Value, scores[FhirExport.CodeOf(administration.InstrumentId, score.ScaleId)], 6);
        }
    }

    async Task<(int Code, string Out, string Err)> ExportToAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ExportFhirCommand.RunAsync(Settings, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // A fresh tester's export replaced the live database (and could write beside the keys, over /dev/null,
    // readable by everyone, leaving a partial copy): every destination is checked first, the file is 0600.
    [Fact]
    public async Task TheExportIsNeverWrittenIntoTheInstallationAndIsItsOwnersAlone()
    {
        Assert.Equal(0, await DemoCommand.RunAsync(Settings, ["--years", "1"], TextWriter.Null, TextWriter.Null));
        var database = Path.Combine(_folder, "data", "securebase.db");
        var size = new FileInfo(database).Length;
        Directory.CreateDirectory(Path.Combine(_folder, "a-folder"));
        foreach (var (output, message) in new[]
                 {
                     (database, "is inside the data folder of this installation"),
                     (Path.Combine(_folder, "keys", "export.json"), "is inside the key folder of this installation"),
                     ("/dev/null", "is a device, pipe or system file"),
                     (Path.Combine(_folder, "a-folder"), "is a folder"),
                     (Path.Combine(_folder, "a-folder") + "/", "is a folder"),
                     (Path.Combine(_folder, "missing", "x.json"), "does not exist"),
                 })
        {
            var refused = await ExportToAsync("--output", output);
            Assert.Equal(2, refused.Code);
            Assert.Contains(message, refused.Err, StringComparison.Ordinal);
        }
        Assert.Equal(size, new FileInfo(database).Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));

        var written = Path.Combine(_folder, "export.json");
        Assert.Equal(0, (await ExportToAsync("--output", written)).Code);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(written));
        Assert.StartsWith("{", (await ExportToAsync("--output", "-")).Out, StringComparison.Ordinal);
        Assert.Contains("--person needs an email address", (await ExportToAsync("--person", " ")).Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutADatabaseNothingIsCreatedAndItSaysWhy()
    {
        var refused = await ExportToAsync("--output", Path.Combine(_folder, "export.json"));
        Assert.Equal(2, refused.Code);
        Assert.Contains("there is no database in the data folder", refused.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "data", "securebase.db")));
        Assert.False(File.Exists(Path.Combine(_folder, "export.json")));
    }
}
