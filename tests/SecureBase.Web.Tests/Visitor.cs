using System.Net;
using System.Text.RegularExpressions;

namespace SecureBase.Web.Tests;

// One browser's worth of HTTP: its own cookies, GET a page and post its form back with the
// anti-forgery token, as a person would. Redirects are not followed so tests can see them.
public sealed partial class Visitor(SecureBaseApp app)
{
    public HttpClient Client { get; } = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<form([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();

    public async Task<string> TokenAsync(string page) => await TokenAsync(page, page);

    // The token inside the very form that posts to `action` (a form without an action posts to its page),
    // so a form that lacks its own token fails here as it would in a browser.
    public async Task<string> TokenAsync(string page, string action)
    {
        var html = await Client.GetStringAsync(page, Ct);
        foreach (Match form in FormPattern().Matches(html))
        {
            var target = ActionPattern().Match(form.Groups[1].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : page;
            if (target.Split('#')[0] != action) continue;   // a browser posts without the fragment (#invite: where the answer opens)
            return TokenPattern().Match(form.Groups[2].Value) is { Success: true } m
                ? m.Groups[1].Value
                : throw new InvalidOperationException($"The form on {page} that posts to {action} has no anti-forgery token.");
        }
        throw new InvalidOperationException($"No form on {page} posts to {action}.");
    }

    public async Task<HttpResponseMessage> PostAsync(string page, params (string Name, string Value)[] fields) =>
        await PostAsync(page, page, fields);

    public async Task<HttpResponseMessage> PostAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(formPage, action);
        var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await Client.PostAsync(action, content, Ct);
    }

    public async Task<string> SignUpAsync(string? email = null, string password = "correct horse battery staple", string timeZone = "Europe/London")
    {
        email ??= $"client-{Guid.NewGuid():N}@example.org";
        var response = await PostAsync("/Accounts/SignUp", ("Input.Email", email), ("Input.Password", password), ("Input.TimeZone", timeZone));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-up failed: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        await ConfirmAsync(email);
        var signIn = await SignInAsync(email, password);
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in after sign-up failed: {signIn.StatusCode}");
        return email;
    }

    // Opens the newest confirmation link mailed to the address.
    public async Task ConfirmAsync(string email)
    {
        var mail = app.Mail().Last(m => m.To == email && m.Subject == "Confirm your SecureBase account");
        var confirmed = await Client.GetAsync(mail.Link("/Accounts/ConfirmEmail"), Ct);
        if (confirmed.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Confirmation failed: {confirmed.StatusCode}");
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password = "correct horse battery staple") =>
        PostAsync("/Accounts/SignIn", ("Input.Email", email), ("Input.Password", password));

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path, Ct);

}
