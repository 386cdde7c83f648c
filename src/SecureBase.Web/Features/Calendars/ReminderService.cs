namespace SecureBase.Web.Features.Calendars;

// Runs the reminder pass every half minute of the machine's clock (what is due is decided by the app's
// clock, a test's fake one too). Every instance may run it: the claims keep them from sending twice.
public sealed class ReminderService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ReminderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = int.TryParse(configuration["Reminders:EverySeconds"], System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 30;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderRun>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("The reminder pass failed: {Error}", e.GetType().Name);
            }
        }
    }
}
