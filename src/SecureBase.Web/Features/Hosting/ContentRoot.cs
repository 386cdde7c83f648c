namespace SecureBase.Web.Features.Hosting;

// Where the app finds wwwroot. ASP.NET Core looks in the working directory, so a published app started
// from anywhere else (a service unit without WorkingDirectory) answered /css/site.css with an empty 200
// and every page looked like an unstyled form. When the working directory has no wwwroot and the app's
// own folder has one, the app's folder is the content root; an explicit --contentRoot or
// ASPNETCORE_CONTENTROOT, and `dotnet run` (static assets from the project), are left as they are.
public static class ContentRoot
{
    public static string? For(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }) return null;
        var own = AppContext.BaseDirectory;
        return !Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot")) && Directory.Exists(Path.Combine(own, "wwwroot")) ? own : null;
    }
}
