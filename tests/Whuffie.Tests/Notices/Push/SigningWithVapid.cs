using System.Buffers.Text;
using System.Security.Cryptography;
using Whuffie.Deliveries.Push;

namespace Whuffie.Tests.Notices.Push;

/// <summary><see cref="Vapid"/>: its keys, and the JWT checked here with plain ECDsa.</summary>
public sealed class SigningWithVapid
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));
    private const string Contact = "mailto:drift@soeborg-bibliotek.dk";

    private static (string Token, string Key) Parse(string authorization)
    {
        var match = System.Text.RegularExpressions.Regex.Match(authorization, "^vapid t=([A-Za-z0-9_.-]+), k=([A-Za-z0-9_-]+)$");
        Assert.True(match.Success, authorization);
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    private static JsonElement Part(string token, int index) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[index])).RootElement;

    private static bool Verifies(string token, string publicKey)
    {
        var q = Base64Url.DecodeFromChars(publicKey);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = q[1..33], Y = q[33..] },
        });
        var dot = token.LastIndexOf('.');
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        return signature.Length == 64 && key.VerifyData(Encoding.ASCII.GetBytes(token[..dot]), signature,
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Fact]
    public void Generated_keys_are_a_P256_point_and_scalar_that_load_again()
    {
        var vapid = Vapid.Generate();

        Assert.Equal(65, Base64Url.DecodeFromChars(vapid.PublicKey).Length);
        Assert.Equal(4, Base64Url.DecodeFromChars(vapid.PublicKey)[0]);
        Assert.Equal(32, Base64Url.DecodeFromChars(vapid.PrivateKey).Length);
        Assert.DoesNotContain('=', vapid.PublicKey + vapid.PrivateKey);
        Assert.Equal(vapid.PublicKey, new Vapid(vapid.PublicKey, vapid.PrivateKey).PublicKey);
        Assert.NotEqual(vapid.PublicKey, Vapid.Generate().PublicKey);
    }

    [Fact]
    public void Keys_that_are_not_one_pair_are_refused()
    {
        var one = Vapid.Generate();
        var other = Vapid.Generate();

        Assert.Throws<ArgumentException>(() => new Vapid(other.PublicKey, one.PrivateKey));
        Assert.Throws<ArgumentException>(() => new Vapid(one.PublicKey, "c2hvcnQ"));
    }

    [Fact]
    public void The_header_carries_a_JWT_for_the_push_service_origin_that_verifies_with_the_public_key()
    {
        var vapid = Vapid.Generate();

        var (token, key) = Parse(vapid.AuthorizationHeader(new Uri("https://updates.push.services.mozilla.com:8443/wpush/v2/gAAAA?x=1"), Contact, Monday));

        Assert.Equal(vapid.PublicKey, key);
        Assert.True(Verifies(token, key));
        Assert.False(Verifies(token, Vapid.Generate().PublicKey));
        Assert.Equal("JWT", Part(token, 0).GetProperty("typ").GetString());
        Assert.Equal("ES256", Part(token, 0).GetProperty("alg").GetString());
        var claims = Part(token, 1);
        Assert.Equal("https://updates.push.services.mozilla.com:8443", claims.GetProperty("aud").GetString());
        Assert.Equal(Monday.AddHours(12).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(Contact, claims.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", "https://fcm.googleapis.com")]
    [InlineData("https://push.example:443/x", "https://push.example")]
    [InlineData("http://127.0.0.1:8090/notify/abc", "http://127.0.0.1:8090")]
    public void The_audience_is_the_endpoint_origin_without_a_default_port(string endpoint, string audience) =>
        Assert.Equal(audience, Vapid.Audience(new Uri(endpoint)));

    [Theory]
    [InlineData("drift@soeborg-bibliotek.dk")]
    [InlineData("http://soeborg-bibliotek.dk")]
    public void A_contact_that_is_not_mailto_or_https_is_refused(string contact) =>
        Assert.Throws<ArgumentException>(() => Vapid.Generate().AuthorizationHeader(new Uri("https://push.example/x"), contact, Monday));
}
