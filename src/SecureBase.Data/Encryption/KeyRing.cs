using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Data.Encryption;

// The Data Protection key ring that wraps every person's data key, set up the same way by the web app and
// the CLI (restore checks a restored ring opens the restored keys). Its master keys are written to
// SecureBase:KeyDirectory. Without more, they are stored as plain XML (folder 0700, files 0600:
// FilePermissions). With SecureBase:KeyRingCertificate (a .pfx file, its password in
// SecureBase:KeyRingCertificatePassword) each key is encrypted to that certificate, so a copy of the key
// folder alone opens nothing (README, "Protecting the key ring").
public static class KeyRing
{
    // The purpose string of the protector that wraps each person's data key (UserKeys.WrappedKey).
    public const string UserKeyPurpose = "SecureBase.UserKey.v1";

    public static IDataProtectionBuilder AddSecureBaseKeyRing(this IServiceCollection services, IConfiguration configuration, string? keyDirectory = null) =>
        services.AddDataProtection()
            .SetApplicationName("SecureBase")
            .PersistKeysToFileSystem(new DirectoryInfo(keyDirectory ?? DataPaths.KeyDirectory(configuration)))
            .ProtectKeysAtRest(configuration);

    public static IDataProtector UserKeyWrapper(IDataProtectionProvider protection) => protection.CreateProtector(UserKeyPurpose);

    static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        if (configuration["SecureBase:KeyRingCertificate"] is not { Length: > 0 } path) return builder;
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["SecureBase:KeyRingCertificatePassword"]);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Refusing to start: SecureBase:KeyRingCertificate '{path}' cannot be loaded ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"Refusing to start: SecureBase:KeyRingCertificate '{path}' has no private key, so the key ring could not be read back.");
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
