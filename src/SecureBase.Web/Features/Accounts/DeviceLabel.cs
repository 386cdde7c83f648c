namespace SecureBase.Web.Features.Accounts;

// A short, recognisable name for a signed-in browser ("Firefox on Android"), for the list of signed-in devices
// on the profile. Only a hint for the person to recognise their own phone: the raw User-Agent header is never
// stored (it is long and identifying), and nothing is decided on it.
public static class DeviceLabel
{
    static readonly (string Token, string Name)[] Systems =
        [("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("Mac OS X", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux")];

    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
         ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari")];

    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "An unnamed browser";
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "An unnamed browser",
            (null, _) => $"A browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }
}
