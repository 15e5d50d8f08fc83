using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Whuffie.Data;

/// <summary>
/// Data Protection keys encrypt the sign-in cookie, the API's bearer tokens, the forms'
/// antiforgery tokens, the channels' secrets and the account links. They live in the database
/// (the DataProtectionKeys table), so every instance behind a load balancer reads one key ring: a
/// person signed in through one instance is signed in on all of them, and a form served by one
/// may be posted to another. With <c>DataProtection:Certificate</c> set, each key is stored
/// encrypted with that certificate, so a database backup alone opens nothing (docs/operations.md).
/// </summary>
public static class SharedKeys
{
    /// <summary>
    /// Payloads are bound to the application name, which defaults to the content root path;
    /// instances deployed to different folders would then refuse each other's cookies.
    /// </summary>
    public const string ApplicationName = "whuffie";

    public static void AddSharedKeys(this WebApplicationBuilder builder)
    {
        var keys = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<WhuffieDb>();
        var section = builder.Configuration.GetSection("DataProtection");
        if (section["Certificate"] is not { Length: > 0 } path) return;
        var certificate = Load(path, section["CertificatePassword"]);
        // Keys written under earlier certificates stay readable while they are in use (rotation).
        var earlier = section.GetSection("PreviousCertificates").GetChildren()
            .Select(c => Load(c["Path"] ?? c.Value ?? "", c["Password"])).ToArray();
        keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. earlier]);
    }

    /// <summary>A PKCS#12 file (.pfx/.p12) with its private key; a bad path or password stops the start with what is wrong.</summary>
    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"DataProtection: the certificate in {path} has no private key, so the keys could not be read back.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"DataProtection: cannot load the certificate {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Makes the first key now if there is none (`whuffie migrate` calls this), so that instances
    /// started together find one key instead of each making its own and refusing the others'.
    /// </summary>
    public static void EnsureKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Whuffie.SharedKeys").Protect([]);
}
