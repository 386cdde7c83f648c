using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Data.Fhir;

namespace SecureBase.Cli.Practice;

// export-fhir [--person EMAIL] [--output FILE]: every person's questionnaire data (or one person's) as a
// FHIR R4 Bundle in JSON, for moving to another system. The output file is written whole or not at all.
internal static class ExportFhirCommand
{
    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--help" or "-h"])
        {
            stdout.WriteLine("usage: securebase export-fhir [--person EMAIL] [--output FILE]    a FHIR R4 Bundle (JSON) of questionnaire data");
            return 0;
        }
        if (Options.Parse(args, new HashSet<string> { "person", "output" }, stderr) is not { } options) return 2;
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        string? only = null;
        if (options["person"] is { } email)
        {
            var normalized = email.Trim().ToUpperInvariant();   // Identity's normalized form
            only = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync();
            if (only is null)
            {
                stderr.WriteLine($"error: no account has the address {email}.");
                return 2;
            }
        }
        var bundle = await FhirExport.BuildAsync(db, settings.LoadCatalog(), only, DateTimeOffset.UtcNow, CancellationToken.None);
        var json = FhirJson.Write(bundle);
        if (options["output"] is not { } output)
        {
            stdout.WriteLine(json);
            return 0;
        }
        var temporary = output + ".partial";
        await File.WriteAllTextAsync(temporary, json);
        File.Move(temporary, output, overwrite: true);
        stdout.WriteLine($"Wrote {output}: {bundle.Entry.Count} resources.");
        return 0;
    }
}
