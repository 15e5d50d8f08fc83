using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Whuffie.Background;
using Whuffie.Mail;

namespace Whuffie.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// The jobs that tell followers and send their email. With Mail:Host set, email goes to
    /// that SMTP server; without it, to the dev mailbox that staff read in the app, so a new
    /// installation shows its email without any setup.
    /// </summary>
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddKeyedScoped<IJobHandler, NotifyJob>(NotifyJob.Kind);
        builder.Services.AddKeyedScoped<IJobHandler, SendEmailJob>(SendEmailJob.Kind);
        builder.Services.AddKeyedScoped<IJobHandler, Answering.ReminderJob>(Answering.ReminderJob.Kind);
        builder.Services.AddKeyedScoped<IJobHandler, DigestJob>(DigestJob.Kind);
        if (builder.Configuration.GetValue("Jobs:Enabled", true)) builder.Services.AddHostedService<ReminderSchedule>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Mail:Host"])) builder.AddMail();
    }

    /// <summary>
    /// The site's public address for links in email (Site:Url); without it, the first address
    /// the server listens on, with a wildcard host read as localhost.
    /// </summary>
    public static string SiteUrl(this IConfiguration config)
    {
        var url = config["Site:Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            url = (config["Urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
            url = url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        }
        return url.TrimEnd('/');
    }
}

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

/// <summary>Makes sure the daily jobs (staff reminders, digests, pruning sent notice deliveries) are in the job queue when an instance starts.</summary>
internal sealed class ReminderSchedule(IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.WhuffieDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        await Answering.ReminderJob.ScheduleAsync(db, now, null, cancellationToken);
        await db.ScheduleDailyAsync(DigestJob.Kind, DigestJob.Hour, now, null, cancellationToken);
        await db.ScheduleDailyAsync(Notices.PruneDeliveriesJob.Kind, Notices.PruneDeliveriesJob.Hour, now, null, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
