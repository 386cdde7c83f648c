using Microsoft.AspNetCore.Authorization;
using SecureBase.Data.Practices;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Invitations;

namespace SecureBase.Web.Features.Authorization;

public static class PracticeServices
{
    // Practices, invitations, the one access decision (audited) and two-step sign-in.
    public static IServiceCollection AddSecureBasePractice(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<Viewers>();
        services.AddScoped<ClinicalAccess>();
        services.AddScoped<IAuthorizationHandler, ClinicalAccessHandler>();
        services.AddScoped<IAuthorizationHandler, ClinicalBatchHandler>();
        services.AddScoped<IAuthorizationHandler, TherapistRecordsHandler>();
        services.AddScoped<IAuthorizationHandler, PracticeAccessHandler>();
        services.AddScoped<Authenticators>();
        services.AddScoped<PracticeInvitations>();
        services.AddScoped<Caseload.CaseloadSummaries>();
        services.AddSingleton<Caseload.CaseloadFigures>();
        services.AddSingleton<Caseload.TherapistDiaries>();
        services.AddSingleton<SetupCodeFile>();
        return services;
    }
}
