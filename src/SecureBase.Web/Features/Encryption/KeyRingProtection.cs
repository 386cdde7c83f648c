using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace SecureBase.Web.Features.Encryption;

// The key ring's master keys are written to SecureBase:KeyDirectory. Without more, they are stored as
// plain XML (folder 0700, files 0600: FilePermissions). With SecureBase:KeyRingCertificate (a .pfx
// file, its password in SecureBase:KeyRingCertificatePassword) each key is encrypted to that
// certificate, so a copy of the key folder alone opens nothing (README, "Protecting the key ring").
public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
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
