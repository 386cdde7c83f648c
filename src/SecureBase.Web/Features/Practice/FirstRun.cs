using SecureBase.Data;
using SecureBase.Data.Practices;

namespace SecureBase.Web.Features.Practice;

// A fresh install has no accounts at all (no default credentials, ever). Until a practice exists the
// app writes a one-time setup code to its log and to a file only its user can read, and /Setup asks
// for it. Once a practice exists the file is deleted and /Setup answers 404.
public static class FirstRun
{
    public static async Task OfferSetupAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var file = scope.ServiceProvider.GetRequiredService<SetupCodeFile>();
        if (await PracticeSetup.AnyAsync(db, CancellationToken.None))
        {
            file.Delete();
            return;
        }
        var code = file.Ensure();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("SecureBase.FirstRun");
        var urls = scope.ServiceProvider.GetRequiredService<Security.PublicUrls>();
        log.LogWarning("No practice is set up yet. Open {Url} and enter the setup code {Code} (also in {File}, readable only by this user).",
            urls.To("/Setup"), code, file.Path);
    }
}
