namespace SecureBase.Web.Tests;

public class EmailFileTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    [Fact]
    public async Task WithoutAnSmtpServerMailIsWrittenAsEmlFilesInTheDataFolder()
    {
        var email = await new Visitor(app).SignUpAsync();
        await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml"));
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains($"To: {email}", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Reset your SecureBase password", text, StringComparison.Ordinal);
    }
}
