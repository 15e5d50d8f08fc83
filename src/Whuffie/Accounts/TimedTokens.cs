using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Whuffie.Accounts;

/// <summary>
/// The tokens in confirmation and reset links. Identity's own DataProtectorTokenProvider reads the
/// wall clock and gives every purpose one lifetime; these take the app's <see cref="TimeProvider"/>
/// (so a test can let a link expire) and a lifetime per purpose. A token holds the user, the purpose,
/// the security stamp and the moment it was made, protected by Data Protection (which does the
/// cryptography), so it cannot be forged or moved to another account, and a reset, which changes
/// the stamp, spends every reset link made before it: each works once.
/// </summary>
public sealed class TimedTokens(IDataProtectionProvider protection, TimeProvider clock) : IUserTwoFactorTokenProvider<User>
{
    public const string Name = "Whuffie";

    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(3);

    private readonly IDataProtector _protector = protection.CreateProtector("Whuffie.Accounts.TimedTokens");

    public static TimeSpan LifetimeOf(string purpose) =>
        purpose == UserManager<User>.ConfirmEmailTokenPurpose || purpose.StartsWith("ChangeEmail:", StringComparison.Ordinal) ? ConfirmLifetime : ResetLifetime;

    public async Task<string> GenerateAsync(string purpose, UserManager<User> manager, User user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var made = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = string.Join('\n', user.Id.ToString(CultureInfo.InvariantCulture), purpose, stamp, made);
        return Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(Base64UrlDecode(token))).Split('\n');
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        if (parts.Length != 4 || parts[0] != user.Id.ToString(CultureInfo.InvariantCulture) || parts[1] != purpose) return false;
        if (!long.TryParse(parts[3], CultureInfo.InvariantCulture, out var made)) return false;
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(made);
        return age >= TimeSpan.Zero && age <= LifetimeOf(purpose) && parts[2] == await manager.GetSecurityStampAsync(user);
    }

    /// <summary>Not a second factor: these tokens travel in links only.</summary>
    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<User> manager, User user) => Task.FromResult(false);

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] Base64UrlDecode(string text) =>
        System.Buffers.Text.Base64Url.IsValid(text) ? System.Buffers.Text.Base64Url.DecodeFromChars(text) : throw new FormatException();
}
