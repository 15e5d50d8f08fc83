using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Whuffie.Tests.Notices.Push;

/// <summary>
/// The browser's side of RFC 8291, written from the RFC apart from the code under test, so a
/// round trip shows the two agree on more than a single vector.
/// </summary>
public static class PushDecryption
{
    /// <summary>A browser's subscription keys: its P-256 key pair and a fresh auth secret.</summary>
    public static (ECDiffieHellman Keys, string P256dh, string Auth) NewBrowser()
    {
        var keys = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = keys.ExportParameters(false).Q;
        return (keys, Base64Url.EncodeToString([4, .. q.X!, .. q.Y!]), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }

    public static byte[] Decrypt(byte[] body, ECDiffieHellman browser, string auth)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16));
        int idLength = body[20];
        var asPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        Assert.True(record.Length <= recordSize, "one record only");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = asPublic[1..33], Y = asPublic[33..] },
        });
        var q = browser.ExportParameters(false).Q;
        byte[] uaPublic = [4, .. q.X!, .. q.Y!];
        var shared = browser.DeriveRawSecretAgreement(sender.PublicKey);

        // RFC 8291 §3.3–3.4 and RFC 8188 §2.2–2.3, spelled out with HMAC rather than HKDF.
        var prkKey = HMACSHA256.HashData(Base64Url.DecodeFromChars(auth), shared);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. uaPublic, .. asPublic, 1];
        byte[] cekInfo = [.. "Content-Encoding: aes128gcm\0"u8, 1];
        byte[] nonceInfo = [.. "Content-Encoding: nonce\0"u8, 1];
        var ikm = HMACSHA256.HashData(prkKey, keyInfo);
        var prk = HMACSHA256.HashData(salt, ikm);
        var cek = HMACSHA256.HashData(prk, cekInfo)[..16];
        var nonce = HMACSHA256.HashData(prk, nonceInfo)[..12];

        var plain = new byte[record.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        var end = Array.FindLastIndex(plain, b => b != 0);
        Assert.True(end >= 0 && plain[end] == 2, "the last record ends in the delimiter 2");
        return plain[..end];
    }
}
