using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Whuffie.Following;

/// <summary>
/// The token in every email's way out: the person's id, protected with the installation's
/// shared Data Protection keys, so any instance can read it and nobody can forge another's.
/// </summary>
public static class UnsubscribeTokens
{
    private const string Purpose = "Whuffie.Unsubscribe.v1";

    public static string For(IDataProtectionProvider protection, int userId) =>
        protection.CreateProtector(Purpose).Protect(userId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The way-out address every email carries for this person.</summary>
    public static string Url(IDataProtectionProvider protection, string siteUrl, int userId) =>
        $"{siteUrl}/unsubscribe?token={Uri.EscapeDataString(For(protection, userId))}";

    /// <summary>The person the token names, or null when it is not one of ours.</summary>
    public static int? Read(IDataProtectionProvider protection, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        try
        {
            return int.TryParse(protection.CreateProtector(Purpose).Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
