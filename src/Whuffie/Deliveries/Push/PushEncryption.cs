using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Whuffie.Deliveries.Push;

/// <summary>
/// RFC 8291 message encryption: the "aes128gcm" content coding of RFC 8188 with the key
/// derived from ECDH with the subscription's P-256 key and its auth secret. One record only,
/// which is all RFC 8291 §4 allows.
/// </summary>
public static class PushEncryption
{
    public const int RecordSize = 4096;

    /// <summary>
    /// RFC 8291 §4: a push service need accept no more than 4096 octets of body; less the
    /// 86-octet header, the padding delimiter and the 16-octet tag, this much plaintext.
    /// </summary>
    public const int MaxPlaintextLength = 3993;

    private const int SaltLength = 16;
    private const int KeyLength = 65;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + KeyLength;

    /// <summary>Encrypts with a fresh server key pair and salt, as every message must.</summary>
    public static byte[] Encrypt(string p256dh, string auth, ReadOnlySpan<byte> plaintext)
    {
        using var server = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(p256dh, auth, plaintext, server, RandomNumberGenerator.GetBytes(SaltLength));
    }

    /// <summary>
    /// Encrypts with the given server key pair and salt; only for reproducing known vectors,
    /// since reusing either across messages breaks the encryption.
    /// </summary>
    /// <exception cref="ArgumentException">The keys are not a P-256 point and a 16-byte secret, or the plaintext is too long.</exception>
    public static byte[] Encrypt(string p256dh, string auth, ReadOnlySpan<byte> plaintext, ECDiffieHellman serverKeys, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(serverKeys);
        if (salt.Length != SaltLength) throw new ArgumentException("The salt must be 16 bytes.", nameof(salt));
        if (plaintext.Length > MaxPlaintextLength)
            throw new ArgumentException($"A push message holds at most {MaxPlaintextLength} bytes, not {plaintext.Length}.", nameof(plaintext));
        var uaPublic = DecodeKey(p256dh, nameof(p256dh));
        var authSecret = Decode(auth, nameof(auth));
        if (authSecret.Length != 16) throw new ArgumentException("The auth secret must be 16 bytes.", nameof(auth));

        using var ua = ImportPublic(uaPublic, nameof(p256dh));
        var asPublic = ExportPublic(serverKeys);
        var ecdhSecret = serverKeys.DeriveRawSecretAgreement(ua.PublicKey);

        // RFC 8291 §3.4: IKM binds the shared secret to the auth secret and both public keys.
        var keyInfo = Concat("WebPush: info\0"u8, uaPublic, asPublic);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, authSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt.ToArray());
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var body = new byte[HeaderLength + plaintext.Length + 1 + TagLength];
        salt.CopyTo(body);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength), RecordSize);
        body[SaltLength + 4] = KeyLength;
        asPublic.CopyTo(body.AsSpan(SaltLength + 5));

        // The last (and only) record ends in the delimiter 0x02 (RFC 8188 §2); no further padding.
        var record = new byte[plaintext.Length + 1];
        plaintext.CopyTo(record);
        record[^1] = 2;
        using var aes = new AesGcm(cek, TagLength);
        // Record 0: the nonce XORed with sequence number 0 is the nonce itself.
        aes.Encrypt(nonce, record, body.AsSpan(HeaderLength, record.Length), body.AsSpan(HeaderLength + record.Length));
        return body;
    }

    internal static byte[] Decode(string base64Url, string name)
    {
        try
        {
            return Base64Url.DecodeFromChars(base64Url);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("Not base64url.", name, e);
        }
    }

    private static byte[] DecodeKey(string base64Url, string name)
    {
        var key = Decode(base64Url, name);
        if (key.Length != KeyLength || key[0] != 4) throw new ArgumentException("Not an uncompressed P-256 point.", name);
        return key;
    }

    private static ECDiffieHellman ImportPublic(byte[] point, string name)
    {
        var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportParameters(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return ecdh;
        }
        catch (CryptographicException e)
        {
            ecdh.Dispose();
            throw new ArgumentException("Not a point on P-256.", name, e);
        }
    }

    internal static byte[] ExportPublic(ECAlgorithm key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return Concat([4], q.X, q.Y);
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => [.. a, .. b, .. c];
}
