using SecureBase.Data;

namespace SecureBase.Web.Features.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddSecureBaseHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    // Plain "Healthy" / "Unhealthy" with 200 / 503; no detail that could help an attacker.
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health");
}
