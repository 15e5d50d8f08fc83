using Microsoft.AspNetCore.DataProtection;

namespace Whuffie.Notices;

/// <summary>
/// Channel credentials at rest: protected with the installation's shared Data Protection keys
/// (kept in the database, so every instance can read them), and shown back only by their end.
/// </summary>
public sealed class Secrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Whuffie.Notices.Secrets.v1");

    public string Protect(string plain) => _protector.Protect(plain);

    public string? Unprotect(string? stored) => stored is null ? null : _protector.Unprotect(stored);

    /// <summary>"••••a1b2": enough to recognise a secret, never enough to use it.</summary>
    public static string? Mask(string? plain) =>
        plain is null ? null : plain.Length <= 8 ? "••••" : "••••" + plain[^4..];
}
