using Microsoft.AspNetCore.Authorization;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Scheduling;

public static class SchedulingServices
{
    // Booking pages, requests with held slots, standing series; every change serialised per therapist and claimed in the database.
    public static IServiceCollection AddSecureBaseScheduling(this IServiceCollection services)
    {
        services.AddScoped<Calendar>();
        services.AddScoped<BookingDesk>();
        services.AddScoped<BookingMail>();
        services.AddScoped<RequestDesk>();
        services.AddScoped<SessionDesk>();
        services.AddScoped<IAuthorizationHandler, SessionAccessHandler>();
        services.AddHostedService<HoldExpiry>();
        return services;
    }
}

// Every minute, holds past their end expire and their people are told (the requests page also does it on every view).
public sealed class HoldExpiry(IServiceScopeFactory scopes, TimeProvider clock, ILogger<HoldExpiry> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cadence is the machine's own minute; what is due is decided by the app's clock (a test's fake one too).
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SecureBase.Data.AppDbContext>();
                var now = clock.GetUtcNow();
                var due = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    db.BookingProfiles.Where(p => db.BookingRequests.Any(r => r.PracticeId == p.PracticeId && r.TherapistId == p.TherapistId
                        && r.State == SecureBase.Data.Model.RequestState.Held && r.HeldUntil <= now)), stoppingToken);
                var requests = scope.ServiceProvider.GetRequiredService<RequestDesk>();
                foreach (var profile in due) await requests.ExpireAsync(profile, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Expiring held requests failed: {Error}", e.GetType().Name);
            }
        }
    }
}
