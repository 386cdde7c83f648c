namespace SecureBase.Web.Features.Calendars;

public static class CalendarServices
{
    public static IServiceCollection AddSecureBaseCalendars(this IServiceCollection services)
    {
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<SessionInvites>();
        services.AddScoped<IReminderChannel, EmailReminders>();
        services.AddScoped<ReminderRun>();
        services.AddHostedService<ReminderService>();
        return services;
    }
}
