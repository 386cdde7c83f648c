using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SecureBase.Web.Features.Accounts;

// Per client address, a fixed window of account form posts (sign in, sign up, password reset): a
// credential-stuffing run gets 429s instead of password checks (ASVS 6.3.1, 2.4.1). Lockout still
// protects each account; this protects the server and the set of accounts. GETs are not limited.
public static class AccountRateLimit
{
    public const string Policy = "account-posts";

    // Requests from public booking pages: few per address per hour, so nobody fills a therapist's requests with junk.
    public const string BookingPolicy = "booking-posts";

    public static IServiceCollection AddAccountRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:AccountPostsPerMinute", 10);
        var bookingsPerHour = configuration.GetValue("RateLimits:BookingPostsPerHour", 10);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(BookingPolicy, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = bookingsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
    }
}
