using Microsoft.AspNetCore.Authorization;
using SecureBase.Web.Features.Accounts;

namespace SecureBase.Web.Features.Authorization;

// Marks the few signed-in pages reachable before the second factor: enrolling, entering a code, signing out.
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowBeforeSecondFactorAttribute : Attribute;

// Before anything else a signed-in person may do: someone with an authenticator enters a code in this
// browser; an owner or therapist without one enrols first (MFA is mandatory for them, optional for
// clients). Pages open to everyone ([AllowAnonymous]) are not held up.
public static class SecondFactorGate
{
    public const string EnrolPath = "/Accounts/TwoFactor";
    public const string VerifyPath = "/Accounts/SecondFactor";

    public static IApplicationBuilder UseSecondFactorGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var endpoint = http.GetEndpoint();
        if (http.User.Identity?.IsAuthenticated != true || endpoint is null
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<AllowBeforeSecondFactorAttribute>() is not null)
        {
            await next(http);
            return;
        }
        if (await http.RequestServices.GetRequiredService<Viewers>().SecondStepAsync(http.User, http.RequestAborted) is { } target)
        {
            var back = http.Request.Path + http.Request.QueryString;
            http.Response.Redirect(HttpMethods.IsGet(http.Request.Method) ? $"{target}?ReturnUrl={Uri.EscapeDataString(back)}" : target);
            return;
        }
        await next(http);
    });
}
