using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Whuffie.Deliveries.Push;

/// <summary>
/// The application server's identity for RFC 8292 (VAPID): a P-256 key pair whose public half
/// browsers are given as applicationServerKey, and which signs a short-lived ES256 JWT per push.
/// </summary>
public sealed class Vapid
{
    /// <summary>RFC 8292 §2 allows up to 24 hours; half leaves room for clock skew.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    private readonly ECParameters _key;

    /// <summary>From configured keys; fails if they are malformed or not one pair.</summary>
    /// <param name="publicKey">The uncompressed point (65 bytes), base64url.</param>
    /// <param name="privateKey">The private scalar d (32 bytes), base64url.</param>
    public Vapid(string publicKey, string privateKey)
    {
        var d = PushEncryption.Decode(privateKey, nameof(privateKey));
        if (d.Length != 32) throw new ArgumentException("A VAPID private key is 32 bytes.", nameof(privateKey));
        try
        {
            // Importing d alone derives the public point, so a mismatched pair shows here.
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            _key = key.ExportParameters(includePrivateParameters: true);
            PublicKey = Base64Url.EncodeToString(PushEncryption.ExportPublic(key));
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("Not a P-256 private key.", nameof(privateKey), e);
        }
        if (PublicKey != publicKey.TrimEnd('='))
            throw new ArgumentException("The VAPID public key is not the private key's.", nameof(publicKey));
        PrivateKey = privateKey.TrimEnd('=');
    }

    /// <summary>The uncompressed public point, base64url without padding: the applicationServerKey.</summary>
    public string PublicKey { get; }

    /// <summary>The private scalar d, base64url without padding; a secret.</summary>
    public string PrivateKey { get; }

    public static Vapid Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new Vapid(Base64Url.EncodeToString(PushEncryption.ExportPublic(key)), Base64Url.EncodeToString(parameters.D));
    }

    /// <summary>The push service's origin, which RFC 8292 §2 makes the token's audience.</summary>
    public static string Audience(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// The Authorization header's value for a push to this endpoint (RFC 8292 §3).
    /// <paramref name="contact"/> is a mailto: or https: URI where the push service can reach us (the "sub" claim).
    /// </summary>
    public string AuthorizationHeader(Uri endpoint, string contact, DateTimeOffset now) =>
        $"vapid t={Token(Audience(endpoint), contact, now + TokenLifetime)}, k={PublicKey}";

    /// <summary>An ES256-signed JWT with the aud, exp and sub claims.</summary>
    public string Token(string audience, string contact, DateTimeOffset expires)
    {
        if (!contact.StartsWith("mailto:", StringComparison.Ordinal) && !contact.StartsWith("https:", StringComparison.Ordinal))
            throw new ArgumentException("The VAPID contact must be a mailto: or https: URI.", nameof(contact));
        var header = Base64Url.EncodeToString("""{"typ":"JWT","alg":"ES256"}"""u8);
        var claims = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
            new { aud = audience, exp = expires.ToUnixTimeSeconds(), sub = contact }));
        var signingInput = $"{header}.{claims}";
        using var key = ECDsa.Create(_key);
        // JWS (RFC 7518 §3.4) wants r||s, not the DER that ECDsa gives by default.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
