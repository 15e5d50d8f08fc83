using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Accounts;

/// <summary>
/// Signing in without a password (decision 010): an email with a one-time link and a six-digit
/// code for the same sign-in, the code for when the link opens on another device. Each request
/// spends the ones before it, so only the newest email works. Either way in proves the mailbox,
/// so it confirms the address; a locked-out account is not let in. Every refusal looks the same.
/// </summary>
public sealed class SignInLinks(WhuffieDb db, UserManager<User> users, AccountMail mail, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes one email takes before it is spent: a million codes, five guesses, one in 200,000.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Sends a link and a code to the address if it has an account; says nothing either way.</summary>
    public async Task SendAsync(string email, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SignInCodes.Where(c => c.UserId == user.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);

        var token = RandomNumberGenerator.GetBytes(32);
        var salt = RandomNumberGenerator.GetBytes(16);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        db.SignInCodes.Add(new SignInCode
        {
            UserId = user.Id,
            LinkHash = SHA256.HashData(token),
            Salt = salt,
            CodeHash = CodeHash(salt, code),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        // AccountMail saves the row with its email; past the hourly cap it writes no email, and the row is saved here unsent.
        await mail.WriteSignInLinkAsync(user, System.Buffers.Text.Base64Url.EncodeToString(token), code, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether the link's token would sign someone in now (the page's GET, which spends nothing).</summary>
    public async Task<bool> IsValidAsync(string? token, CancellationToken ct) =>
        HashOf(token) is { } hash && await Live().AnyAsync(c => c.LinkHash == hash, ct);

    /// <summary>Spends the link and returns its person, confirmed; null when it is spent, expired, unknown or the account is locked out.</summary>
    public async Task<User?> RedeemLinkAsync(string? token, CancellationToken ct)
    {
        if (HashOf(token) is not { } hash || await Live().FirstOrDefaultAsync(c => c.LinkHash == hash, ct) is not { } row) return null;
        return await RedeemAsync(row, ct);
    }

    /// <summary>As <see cref="RedeemLinkAsync"/> for the code; a wrong one counts against the newest email.</summary>
    public async Task<User?> RedeemCodeAsync(string? email, string? code, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null) return null;
        var row = await Live().Where(c => c.UserId == user.Id).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length == 6 && digits.All(char.IsAsciiDigit) && CryptographicOperations.FixedTimeEquals(CodeHash(row.Salt, digits), row.CodeHash))
            return await RedeemAsync(row, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        await db.SignInCodes.Where(c => c.Id == row.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Attempts, c => c.Attempts + 1)
            .SetProperty(c => c.UsedAt, c => c.Attempts + 1 >= MaxAttempts ? now : (DateTime?)null), ct);
        return null;
    }

    private IQueryable<SignInCode> Live()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.SignInCodes.Where(c => c.UsedAt == null && c.ExpiresAt > now && c.Attempts < MaxAttempts);
    }

    private async Task<User?> RedeemAsync(SignInCode row, CancellationToken ct)
    {
        if (await users.FindByIdAsync(row.UserId.ToString(CultureInfo.InvariantCulture)) is not { } user || await users.IsLockedOutAsync(user)) return null;
        // Spent in one statement that only one of two simultaneous requests can win.
        var now = clock.GetUtcNow().UtcDateTime;
        var spent = await db.SignInCodes.Where(c => c.Id == row.Id && c.UsedAt == null && c.Attempts < MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (spent == 0) return null;
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        return user;
    }

    private static byte[]? HashOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || !System.Buffers.Text.Base64Url.IsValid(token)) return null;
        return SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(token));
    }

    private static byte[] CodeHash(byte[] salt, string code) => SHA256.HashData([.. salt, .. Encoding.ASCII.GetBytes(code)]);
}
