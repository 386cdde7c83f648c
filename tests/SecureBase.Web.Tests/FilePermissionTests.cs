using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;

namespace SecureBase.Web.Tests;

// Only the app's own user can read its data and key folders: folders 0700, files 0600, including files
// that existed before with wider permissions and files made later (SQLite's -wal and -shm, key ring, mail).
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FilePermissionTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static void AssertPrivate(string folder)
    {
        var wide = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Append(folder)
            .Select(p => (Path: p, Mode: File.GetUnixFileMode(p), Folder: Directory.Exists(p)))
            .Where(e => (e.Mode & ~(e.Folder ? FilePermissions.PrivateFolder : FilePermissions.PrivateFile)) != 0)
            .Select(e => $"{e.Path}: {e.Mode}").ToList();
        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    [Fact]
    public async Task EveryFileTheAppWritesIsReadableByItsUserAlone()
    {
        var visitor = new Visitor(app);
        var email = await visitor.SignUpAsync();
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", "a note makes a key"));
        await new Visitor(app).PostAsync("/Accounts/ForgotPassword", ("Email", email));
        var keys = Path.Combine(Path.GetDirectoryName(app.DataDirectory)!, "keys");

        Assert.True(File.Exists(app.DatabasePath + "-wal"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataDirectory, "mail")));
        Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
        AssertPrivate(app.DataDirectory);
        AssertPrivate(keys);
    }

    [Fact]
    public async Task StartUpNarrowsFilesAndFoldersOthersCouldRead()
    {
        await using var wide = new SecureBaseApp();
        Directory.CreateDirectory(wide.DataDirectory);
        File.SetUnixFileMode(wide.DataDirectory, (UnixFileMode)0b111_101_101);
        var stray = Path.Combine(wide.DataDirectory, "mail", "old.eml");
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        await File.WriteAllTextAsync(stray, "To: a@example.org\r\n\r\nold", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(stray, (UnixFileMode)0b110_100_100);

        using var client = wide.CreateClient();
        Assert.Equal(FilePermissions.PrivateFolder, File.GetUnixFileMode(wide.DataDirectory));
        Assert.Equal(FilePermissions.PrivateFile, File.GetUnixFileMode(stray));
        AssertPrivate(wide.DataDirectory);
    }
}

// With SecureBase:KeyRingCertificate the key ring's master keys are encrypted to that certificate.
public sealed class CertificateKeyRingApp : SecureBaseApp
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"securebase-keyring-{Guid.NewGuid():N}.pfx");

    public CertificateKeyRingApp()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=SecureBase key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "pfx password"));
    }

    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("SecureBase:KeyRingCertificate", _pfx), ("SecureBase:KeyRingCertificatePassword", "pfx password")];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_pfx);
    }
}

public class KeyRingAtRestTests(CertificateKeyRingApp app) : IClassFixture<CertificateKeyRingApp>
{
    static async Task<string> KeyRingAfterANoteAsync(SecureBaseApp app)
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", "a note makes a key"));
        var keys = Path.Combine(Path.GetDirectoryName(app.DataDirectory)!, "keys");
        return string.Concat(Directory.GetFiles(keys, "*.xml").Select(File.ReadAllText));
    }

    [Fact]
    public async Task WithACertificateTheMasterKeysAreEncryptedAtRest()
    {
        var xml = await KeyRingAfterANoteAsync(app);
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutOneTheyAreNot()
    {
        await using var plain = new SecureBaseApp();
        var xml = await KeyRingAfterANoteAsync(plain);
        Assert.Contains("<value>", xml, StringComparison.Ordinal);
    }
}
