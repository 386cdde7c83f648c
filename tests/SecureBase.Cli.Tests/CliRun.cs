using Microsoft.Extensions.Configuration;

namespace SecureBase.Cli.Tests;

// Runs a command in-process with captured output, and writes input files into a temp folder.
internal sealed class CliRun : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("securebase-cli-").FullName;

    public string Stdout { get; private set; } = "";
    public string Stderr { get; private set; } = "";

    public string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder, name);

    // An installation of its own under the temp folder: commands must never write into its data or key folder.
    public CliSettings Settings => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SecureBase:DataDirectory"] = PathOf("data"),
        ["SecureBase:KeyDirectory"] = PathOf("keys"),
    }).Build());

    public int Run(Func<CliSettings, IReadOnlyList<string>, TextWriter, TextWriter, int> command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var settings = Settings;
        var code = command(settings, args, stdout, stderr);
        (Stdout, Stderr) = (stdout.ToString(), stderr.ToString());
        return code;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
