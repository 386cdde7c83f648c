using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace SecureBase.Data.Backup;

// pg_dump and pg_restore, run as child processes. Found in Backup:PostgresBin, else on PATH, else in the
// newest /usr/lib/postgresql/N/bin (Debian). The connection goes through libpq's environment variables,
// so the password never appears in a process list.
internal static class PostgresTools
{
    public static async Task RunAsync(IConfiguration configuration, string connectionString, string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Find(configuration, tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (c.Username is { } user) start.Environment["PGUSER"] = user;
        if (c.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (c.Database is { } database) start.Environment["PGDATABASE"] = database;
        start.Environment["PGSSLMODE"] = c.SslMode switch
        {
            SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
        };
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await errors).Trim()}");
        _ = await output;
    }

    static string Find(IConfiguration configuration, string tool)
    {
        if (configuration["Backup:PostgresBin"] is { Length: > 0 } folder)
            return File.Exists(Path.Combine(folder, tool)) ? Path.Combine(folder, tool)
                : throw new BackupException($"Backup:PostgresBin is {folder}, which has no {tool}.");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.Combine(p, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Path: Path.Combine(d, "bin", tool)))
                .Where(x => File.Exists(x.Path)).OrderByDescending(x => x.Version).Select(x => x.Path).FirstOrDefault()
            : null;
        return debian ?? throw new BackupException($"{tool} was not found. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or set Backup:PostgresBin.");
    }
}
