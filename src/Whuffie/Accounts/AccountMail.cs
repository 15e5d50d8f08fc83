using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// Writes the emails about an account (confirm, reset, sign-in link, "you already have an account") into the
/// account outbox, in the person's language, with links to our own pages on the configured site
/// (never the request's Host header: a forged one would send the link elsewhere). It is also the
/// email sender of Identity's API endpoints (<see cref="ForIdentityApi"/>), so register, resendConfirmationEmail
/// and forgotPassword really send. At most <see cref="AccountOptions.EmailsPerHour"/> go to one
/// address an hour, counted in the database so the bound holds across instances; past it the
/// email is quietly not written, so the answer to the caller stays the same.
/// </summary>
public sealed class AccountMail(WhuffieDb db, UserManager<User> users, IDataProtectionProvider protection, IConfiguration config,
    Microsoft.Extensions.Options.IOptions<AccountOptions> options, TimeProvider clock, ILogger<AccountMail> log)
{
    public const string Purpose = "Whuffie.Accounts.AccountEmail";

    private string Site => config.SiteUrl();

    /// <summary>Tokens travel in links the way Identity's API takes them: base64url of the token's UTF-8.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token inside a link's code, or null when the code is not one of ours.</summary>
    public static string? Decode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async Task SendConfirmationAsync(User user, CancellationToken ct = default) =>
        await WriteConfirmationAsync(user, Encode(await users.GenerateEmailConfirmationTokenAsync(user)), null, ct);

    public async Task SendResetAsync(User user, CancellationToken ct = default) =>
        await WriteResetAsync(user, Encode(await users.GeneratePasswordResetTokenAsync(user)), ct);

    public Task SendAlreadyRegisteredAsync(User user, CancellationToken ct = default)
    {
        var email = user.Email!;
        return WriteAsync(user, AccountEmailKind.AlreadyRegistered, () => (T("AccountMail.Already.Subject"),
            T("AccountMail.Already.Body", Name(user), email, $"{Site}/signin", $"{Site}/account/forgot?email={Uri.EscapeDataString(email)}")), ct);
    }

    internal Task WriteConfirmationAsync(User user, string code, string? changedEmail, CancellationToken ct)
    {
        var to = changedEmail ?? user.Email!;
        var link = $"{Site}/account/confirm?userId={user.Id}&code={code}"
            + (changedEmail is null ? "" : $"&changedEmail={Uri.EscapeDataString(changedEmail)}");
        return WriteAsync(user, AccountEmailKind.Confirm, () => (T("AccountMail.Confirm.Subject"),
            T("AccountMail.Confirm.Body", Name(user), to, link, (int)TimedTokens.ConfirmLifetime.TotalDays)), ct, to);
    }

    internal Task WriteResetAsync(User user, string code, CancellationToken ct)
    {
        var link = $"{Site}/account/reset?email={Uri.EscapeDataString(user.Email!)}&code={code}";
        return WriteAsync(user, AccountEmailKind.Reset, () => (T("AccountMail.Reset.Subject"),
            T("AccountMail.Reset.Body", Name(user), link, (int)TimedTokens.ResetLifetime.TotalMinutes, code)), ct);
    }

    /// <summary>The sign-in link and code of <see cref="SignInLinks"/>; they work once, for <see cref="SignInLinks.Lifetime"/>.</summary>
    internal Task WriteSignInLinkAsync(User user, string token, string code, CancellationToken ct)
    {
        var link = $"{Site}/account/signin-link?token={token}";
        return WriteAsync(user, AccountEmailKind.SignInLink, () => (T("AccountMail.SignIn.Subject"),
            T("AccountMail.SignIn.Body", Name(user), link, code, $"{Site}/signin", (int)SignInLinks.Lifetime.TotalMinutes)), ct);
    }

    private async Task WriteAsync(User user, AccountEmailKind kind, Func<(string Subject, string Body)> render, CancellationToken ct, string? address = null)
    {
        var to = (address ?? user.Email!).Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = await db.AccountEmails.CountAsync(e => e.ToAddress == to && e.CreatedAt > now.AddHours(-1), ct);
        if (sent >= options.Value.EmailsPerHour)
        {
            log.LogWarning("Not writing a {Kind} email to user {UserId}: {Count} went to the address in the last hour.", kind, user.Id, sent);
            return;
        }
        var language = Languages.IsSupported(user.Language) ? user.Language! : Languages.Current;
        (string Subject, string Body) text;
        using (Languages.Speak(language)) text = render();
        var messageId = $"<account-{Guid.NewGuid():N}@{new Uri(Site).Host}>";
        db.AccountEmails.Add(new AccountEmail
        {
            UserId = user.Id,
            Kind = kind,
            ToAddress = to,
            Language = language,
            Subject = text.Subject,
            ProtectedBody = protection.CreateProtector(Purpose).Protect(text.Body),
            MessageId = messageId,
            State = Mail.EmailState.Pending,
            CreatedAt = now,
        });
        db.Enqueue(SendAccountEmailJob.Kind, new SendAccountEmailJob.Payload(messageId), now);
        await db.SaveChangesAsync(ct);
    }

    private static string Name(User user) => string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName;

    /// <summary>
    /// Identity's API endpoints take their email sender once, from the root services, when they are
    /// mapped; this singleton opens a scope of its own per email for the scoped <see cref="AccountMail"/>.
    /// Their links are built from the request's Host and HTML-encoded: only the codes in them are used.
    /// </summary>
    public sealed class ForIdentityApi(IServiceScopeFactory scopes) : IEmailSender<User>
    {
        public async Task SendConfirmationLinkAsync(User user, string email, string confirmationLink)
        {
            var query = QueryHelpers.ParseQuery(new Uri(System.Net.WebUtility.HtmlDecode(confirmationLink)).Query);
            var changed = query.TryGetValue("changedEmail", out var c) ? c.ToString() : null;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountMail>().WriteConfirmationAsync(user, query["code"].ToString(), changed, CancellationToken.None);
        }

        public Task SendPasswordResetLinkAsync(User user, string email, string resetLink) =>
            throw new NotSupportedException("Identity's API sends reset codes, not links.");

        public async Task SendPasswordResetCodeAsync(User user, string email, string resetCode)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountMail>().WriteResetAsync(user, System.Net.WebUtility.HtmlDecode(resetCode), CancellationToken.None);
        }
    }
}

/// <summary>The "Accounts" configuration section.</summary>
public sealed class AccountOptions
{
    /// <summary>How many account emails (confirm, reset…) one address may receive an hour.</summary>
    public int EmailsPerHour { get; set; } = 5;
}
