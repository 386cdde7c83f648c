using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Data.Practices;

namespace SecureBase.Cli.Practice;

// audit verify: checks every audit chain (one per practice) from its first row and names the first
// row where one breaks. Exit 0 when every chain is whole, 1 when one is broken.
internal static class AuditCommand
{
    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["verify", "--help" or "-h"] or ["--help" or "-h"])
        {
            stdout.WriteLine("usage: securebase audit verify    check every audit chain; exit 1 if one is broken");
            return 0;
        }
        if (args is not ["verify"])
        {
            stderr.WriteLine("usage: securebase audit verify");
            return 2;
        }
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var names = db.Practices.ToDictionary(p => p.Id, p => p.Name);
        var verified = await AuditLog.VerifyAsync(db, CancellationToken.None);
        // Every practice is listed, with 0 entries if its chain is empty or was deleted whole: compare with a head kept earlier.
        var chains = verified.Concat(names.Keys.Where(id => verified.All(c => c.ChainId != id)).Select(id => (ChainId: id, Rows: 0L, FirstBreak: (long?)null, Head: SecureBase.Core.Audit.AuditChain.Genesis))).ToList();
        foreach (var (chainId, rows, firstBreak, head) in chains)
        {
            var name = chainId == Guid.Empty ? "people in no practice" : names.TryGetValue(chainId, out var n) ? $"practice \"{n}\"" : $"practice {chainId}";
            stdout.WriteLine(firstBreak is { } row
                ? $"BROKEN  {name}: {SecureBase.Core.Text.Counted.Of((int)Math.Min(rows, int.MaxValue), "entry", "entries")}; the chain breaks at entry {row} (edited, deleted, inserted or reordered at or before it)"
                : $"ok      {name}: {SecureBase.Core.Text.Counted.Of((int)Math.Min(rows, int.MaxValue), "entry", "entries")}, chain whole; head {head}");
        }
        if (chains.Count > 0)
            stdout.WriteLine("Keep the heads somewhere else: entries cut off the end of a chain leave it whole but shorter, and only an older head shows that.");
        return chains.Any(c => c.FirstBreak is not null) ? 1 : 0;
    }
}
