using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using SecureBase.Cli.Practice;

namespace SecureBase.Cli.Tests;

// securebase norms import / list / remove: published figures go in only with a source and only when every
// row is right (one bad row stores nothing); importing again replaces; removing goes back to local norms.
public sealed class NormsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-norms-").FullName;

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

    const string Header = "instrument,target,subscale,mean,sd,reliability,reliability_kind,n,source";
    const string Good = "ecr-rs,partner,anxiety,2.8,1.2,0.65,test-retest,300,\"Fraley et al., ECR-RS page, 30-day test-retest\"\n"
        + "ecr-rs,partner,avoidance,2.4,1.1,0.65,test-retest,300,\"Fraley et al., ECR-RS page, 30-day test-retest\"\n";

    async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await NormsCommand.RunAsync(Settings, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    async Task<string> FileAsync(string text)
    {
        var path = Path.Combine(_folder, $"norms-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, text, Ct);
        return path;
    }

    [Fact]
    public async Task ASetWithItsSourceIsImportedListedReplacedAndRemoved()
    {
        var imported = await RunAsync("import", await FileAsync(Header + "\n" + Good));
        Assert.True(imported.Code == 0, imported.Err);
        Assert.Contains("Imported published-ecr-rs-partner: anxiety, avoidance", imported.Out, StringComparison.Ordinal);
        var listed = await RunAsync("list");
        Assert.Contains("published-ecr-rs-partner", listed.Out, StringComparison.Ordinal);
        Assert.Contains("anxiety (mean 2.8, SD 1.2, r 0.65 TestRetest, N 300)", listed.Out, StringComparison.Ordinal);
        Assert.Contains("source: Fraley et al., ECR-RS page, 30-day test-retest", listed.Out, StringComparison.Ordinal);

        var again = await RunAsync("import", await FileAsync(Header + "\n" + Good.Replace("2.8", "2.9", StringComparison.Ordinal)));
        Assert.Contains("Replaced published-ecr-rs-partner", again.Out, StringComparison.Ordinal);
        Assert.Contains("mean 2.9", (await RunAsync("list")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("remove", "published-ecr-rs-partner")).Code);
        Assert.Contains("No imported norm sets", (await RunAsync("list")).Out, StringComparison.Ordinal);
        var missing = await RunAsync("remove", "published-ecr-rs-partner");
        Assert.Equal(2, missing.Code);
        Assert.Contains("no imported norm set has the id", missing.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecr-rs,partner,anxiety,2.8,1.2,0.65,test-retest,300,", "a source is required")]
    [InlineData("ecr-rs,lover,anxiety,2.8,1.2,0.65,test-retest,300,src", "target \"lover\" is not one of the ECR-RS's")]
    [InlineData("ecr-r,partner,anxiety,2.8,1.2,0.65,test-retest,300,src", "the ECR-R has no targets")]
    [InlineData("ecr-rs,partner,security,2.8,1.2,0.65,test-retest,300,src", "subscale \"security\" is not one of the ECR-RS's")]
    [InlineData("ecr-rs,partner,anxiety,8.5,1.2,0.65,test-retest,300,src", "is not on the ECR-RS's scale of 1 to 7")]
    [InlineData("ecr-rs,partner,anxiety,2.8,0,0.65,test-retest,300,src", "must be above 0")]
    [InlineData("ecr-rs,partner,anxiety,2.8,1.2,1,test-retest,300,src", "strictly between 0 and 1")]
    [InlineData("ecr-rs,partner,anxiety,2.8,1.2,0.65,split-half,300,src", "must be test-retest or alpha")]
    [InlineData("ecr-rs,partner,anxiety,2.8,1.2,0.65,test-retest,1,src", "must be at least 2")]
    [InlineData("ecr-rs,partner,anxiety,2.8,1.2,0.65,test-retest,3.5,src", "must be a whole number")]
    [InlineData("ecr-rs,partner,anxiety,\"2,8\",1.2,0.65,test-retest,300,src", "must be numbers with a point for decimals")]
    [InlineData("hads,,anxiety,2.8,1.2,0.65,test-retest,300,src", "instrument \"hads\" is not one of")]
    [InlineData("ecr-rs,partner,anxiety,2.8,1.2,0.65,test-retest,300,other source", "must have one source")]
    [InlineData("ecr-rs,partner,anxiety,2.9,1.2,0.65,test-retest,300,\"Fraley et al., ECR-RS page, 30-day test-retest\"", "subscale anxiety is given twice")]
    public async Task OneBadRowIsNamedWithItsLineAndNothingIsStored(string bad, string message)
    {
        var result = await RunAsync("import", await FileAsync(Header + "\n" + Good + bad + "\n"));
        Assert.Equal(2, result.Code);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", result.Err, StringComparison.Ordinal);
        Assert.Contains("No imported norm sets", (await RunAsync("list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileWithoutTheRightHeaderOrRowsIsRefused()
    {
        var header = await RunAsync("import", await FileAsync("instrument,subscale,mean\necr-r,anxiety,3\n"));
        Assert.Equal(2, header.Code);
        Assert.Contains("the header lacks target, sd, reliability, reliability_kind, n, source", header.Err, StringComparison.Ordinal);
        Assert.Contains("has no rows after its header", (await RunAsync("import", await FileAsync(Header + "\n"))).Err, StringComparison.Ordinal);
        Assert.Contains("does not exist", (await RunAsync("import", Path.Combine(_folder, "nope.csv"))).Err, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("import", "--help")).Code);
    }
}
