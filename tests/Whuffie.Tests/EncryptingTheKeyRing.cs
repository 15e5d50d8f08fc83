using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;

namespace Whuffie.Tests;

/// <summary>
/// With DataProtection:Certificate set, the keys in the database are stored encrypted with the
/// certificate: a backup alone yields neither the sign-in keys nor the channels' secrets, and
/// the app with the certificate (or a newer one listing it as previous) reads them back.
/// </summary>
public sealed class EncryptingTheKeyRing : IAsyncLifetime
{
    private readonly WhuffieFactory _app = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("whuffie-keys-").FullName;

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string WriteCertificate(string name, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(_app.Clock.GetUtcNow().AddDays(-1), _app.Clock.GetUtcNow().AddYears(5));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) => _app.WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in settings) b.UseSetting(key, value);
    });

    private static async Task<List<string>> StoredKeysAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WhuffieDb>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_read_back_after_it_is_rotated()
    {
        var first = WriteCertificate("first", "kodeord-1");
        // The suite's host made an unencrypted key at start-up; without it, the next host to start makes its own.
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<WhuffieDb>().DataProtectionKeys.ExecuteDeleteAsync();
        await using var encrypted = With(("DataProtection:Certificate", first), ("DataProtection:CertificatePassword", "kodeord-1"));
        var secret = encrypted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("the channel's secret");

        var stored = Assert.Single(await StoredKeysAsync(encrypted));
        Assert.Contains("<EncryptedData", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);

        // A newer certificate, the first kept as previous: the old key still opens what it protected.
        var second = WriteCertificate("second", "kodeord-2");
        await using var rotated = With(("DataProtection:Certificate", second), ("DataProtection:CertificatePassword", "kodeord-2"),
            ("DataProtection:PreviousCertificates:0:Path", first), ("DataProtection:PreviousCertificates:0:Password", "kodeord-1"));
        Assert.Equal("the channel's secret", rotated.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));

        // Without the certificate, the database alone opens nothing.
        await using var plain = With();
        Assert.ThrowsAny<CryptographicException>(() => plain.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    [Fact]
    public void A_wrong_password_stops_the_start_with_what_is_wrong()
    {
        var path = WriteCertificate("wrong", "right-password");
        using var host = With(("DataProtection:Certificate", path), ("DataProtection:CertificatePassword", "wrong-password"));
        var error = Assert.ThrowsAny<Exception>(() => host.Server);
        Assert.Contains($"cannot load the certificate {path}", error.ToString(), StringComparison.Ordinal);
    }
}
