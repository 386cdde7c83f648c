namespace SecureBase.Web.Tests;

public class EmailFileTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    [Fact]
    public async Task WithoutAnSmtpServerMailIsWrittenAsEmlFilesInTheDataFolder()
    {
        var email = await new Visitor(app).SignUpAsync();
        await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));
        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml");
        var texts = await Task.WhenAll(files.Select(f => File.ReadAllTextAsync(f, TestContext.Current.CancellationToken)));
        var text = Assert.Single(texts, t => t.Contains("Subject: Reset your SecureBase password", StringComparison.Ordinal));
        Assert.Contains($"To: {email}", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Reset your SecureBase password", text, StringComparison.Ordinal);
    }
}
