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
            stdout.WriteLine("usage: securebase export-fhir [--person EMAIL] [--output FILE]    a FHIR R4 Bundle (JSON) of questionnaire data; without --output (or with -) to standard output");
            return 0;
        }
        if (Options.Parse(args, new HashSet<string> { "person", "output" }, stderr) is not { } options) return 2;
        // Checked before the database is opened: nothing is read when the result could not be written.
        string? destination = null;
        if (options["output"] is { } output and not "-")
        {
            destination = OutputFile.Check(output, settings, null, stderr);
            if (destination is null) return 2;
        }
        if (!Data.DataPaths.DatabaseMayExist(settings.Configuration))
        {
            stderr.WriteLine("error: there is no database in the data folder (SecureBase:DataDirectory); check the setting, or start the app once to create it.");
            return 2;
        }
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        string? only = null;
        if (options["person"] is { } email)
        {
            var normalized = email.Trim().ToUpperInvariant();   // Identity's normalized form
            only = normalized.Length == 0 ? null : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync();
            if (only is null)
            {
                stderr.WriteLine(normalized.Length == 0 ? "error: --person needs an email address." : $"error: no account has the address {email.Trim()}.");
                return 2;
            }
        }
        var bundle = await FhirExport.BuildAsync(db, settings.LoadCatalog(), only, DateTimeOffset.UtcNow, CancellationToken.None);
        var json = FhirJson.Write(bundle);
        if (destination is null)
        {
            stdout.WriteLine(json);
            return 0;
        }
        var temporary = OutputFile.TemporaryBeside(destination);
        try
        {
            await using (var file = new StreamWriter(OutputFile.CreatePrivate(temporary), new System.Text.UTF8Encoding(false)))
                await file.WriteAsync(json);
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);   // a failure half-way leaves no partial copy of clinical data behind
        }
        stdout.WriteLine($"Wrote {destination}: {bundle.Entry.Count} resources.");
        return 0;
    }
}
