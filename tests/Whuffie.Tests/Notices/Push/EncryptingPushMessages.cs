using System.Buffers.Text;
using System.Security.Cryptography;
using Whuffie.Deliveries.Push;

namespace Whuffie.Tests.Notices.Push;

/// <summary><see cref="PushEncryption"/>: RFC 8291's own example, then round trips.</summary>
public sealed class EncryptingPushMessages
{
    // RFC 8291 §5 and Appendix A, base64url as printed there (line breaks removed).
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string AsPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string AsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string UaPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string UaPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Header = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string Ciphertext = "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ";
    private const string Body = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] B(string base64Url) => Base64Url.DecodeFromChars(base64Url);

    private static ECDiffieHellman KeyPair(string publicKey, string privateKey)
    {
        var q = B(publicKey);
        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = B(privateKey),
            Q = new ECPoint { X = q[1..33], Y = q[33..] },
        });
    }

    [Fact]
    public void The_RFC_8291_example_comes_out_byte_for_byte()
    {
        using var server = KeyPair(AsPublic, AsPrivate);

        var body = PushEncryption.Encrypt(UaPublic, AuthSecret, Encoding.UTF8.GetBytes(Plaintext), server, B(Salt));

        Assert.Equal(Convert.ToHexString(B(Header)), Convert.ToHexString(body[..86]));
        Assert.Equal(Convert.ToHexString(B(Ciphertext)), Convert.ToHexString(body[86..]));
        Assert.Equal(Body, Base64Url.EncodeToString(body));
    }

    [Fact]
    public void The_RFC_8291_example_decrypts_with_the_browser_key()
    {
        using var browser = KeyPair(UaPublic, UaPrivate);

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(PushDecryption.Decrypt(B(Body), browser, AuthSecret)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Din idé har fået et svar 🍉")]
    public void A_message_decrypts_to_what_was_sent_and_each_message_has_its_own_salt_and_key(string text)
    {
        var (browser, p256dh, auth) = PushDecryption.NewBrowser();
        using var _ = browser;

        var first = PushEncryption.Encrypt(p256dh, auth, Encoding.UTF8.GetBytes(text));
        var second = PushEncryption.Encrypt(p256dh, auth, Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, Encoding.UTF8.GetString(PushDecryption.Decrypt(first, browser, auth)));
        Assert.NotEqual(first[..16], second[..16]);
        Assert.NotEqual(first[21..86], second[21..86]);
        Assert.Equal([0, 0, 0x10, 0, 65], first[16..21]);
    }

    [Fact]
    public void The_largest_payload_fits_4096_bytes_and_one_more_byte_is_refused()
    {
        var (browser, p256dh, auth) = PushDecryption.NewBrowser();
        using var _ = browser;
        var largest = RandomNumberGenerator.GetBytes(PushEncryption.MaxPlaintextLength);

        var body = PushEncryption.Encrypt(p256dh, auth, largest);

        Assert.Equal(4096, body.Length);
        Assert.Equal(largest, PushDecryption.Decrypt(body, browser, auth));
        Assert.Throws<ArgumentException>(() => PushEncryption.Encrypt(p256dh, auth, new byte[PushEncryption.MaxPlaintextLength + 1]));
    }

    [Theory]
    [InlineData("BAAA", AuthSecret)]
    [InlineData(AsPrivate, AuthSecret)]
    [InlineData(UaPublic, "c2hvcnQ")]
    [InlineData("not base64url!", AuthSecret)]
    public void Malformed_subscription_keys_are_refused(string p256dh, string auth) =>
        Assert.Throws<ArgumentException>(() => PushEncryption.Encrypt(p256dh, auth, "x"u8));

    [Fact]
    public void A_point_off_the_curve_is_refused()
    {
        var point = B(UaPublic);
        point[^1] ^= 1;

        Assert.Throws<ArgumentException>(() => PushEncryption.Encrypt(Base64Url.EncodeToString(point), AuthSecret, "x"u8));
    }
}
