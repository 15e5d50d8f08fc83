using Whuffie.Mail;
using Whuffie.Notices;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// Notices by email, through the same SMTP client as the notifications: a batch goes over a few
/// connections at once, many messages each. The Message-ID is the delivery's, so a repeat after
/// a crash is recognisable. Without a mail server the message is counted as put in the dev mailbox.
/// </summary>
public sealed class EmailChannel(IServiceProvider services, IConfiguration config) : IChannelSender
{
    private const int Connections = 4;

    public Channel Channel => Channel.Email;
    public int BatchSize => 200;

    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct)
    {
        var site = config.SiteUrl();
        var emails = batch.Select(w => Compose(w, site)).ToList();
        if (services.GetService<SmtpSender>() is not { } sender)
            return batch.Select(w => new DeliveryOutcome(w.Delivery.Id, DeliveryResult.Sent, "dev mailbox (no mail server configured)")).ToList();

        var chunk = Math.Max(1, (batch.Count + Connections - 1) / Connections);
        var parts = await Task.WhenAll(Enumerable.Range(0, (batch.Count + chunk - 1) / chunk)
            .Select(i => sender.SendBatchAsync(emails.Skip(i * chunk).Take(chunk).ToList(), ct)));
        var results = parts.SelectMany(p => p).ToList();
        return batch.Select((w, i) => results[i] switch
        {
            { Sent: true } => new DeliveryOutcome(w.Delivery.Id, DeliveryResult.Sent, null),
            { Status: SendStatus.Permanent } r => new DeliveryOutcome(w.Delivery.Id, DeliveryResult.Failed, r.ToString()),
            var r => new DeliveryOutcome(w.Delivery.Id, DeliveryResult.Retry, r.ToString()),
        }).ToList();
    }

    /// <summary>The email of one delivery, as it goes out (and as the dev mailbox shows it).</summary>
    public static Email Compose(DeliveryWork work, string site)
    {
        var sub = work.Subscription!;
        var messageId = $"<{work.MessageId}.{work.Organization.Slug}@{new Uri(site).Host}>";
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" };
        if (work.Delivery.Kind == DeliveryKind.Confirm)
        {
            using var _ = Web.Languages.Speak(sub.Language);
            var link = $"{site}/{work.Organization.Slug}/status/confirm?token={Uri.EscapeDataString(sub.Token)}";
            return new Email(new Mailbox(sub.Address), T("Notices.Confirm.Subject", work.Organization.Name),
                T("Notices.Confirm.Body", work.Organization.Name, link), messageId)
            { Language = sub.Language, Headers = headers };
        }
        if (work.Delivery.Kind == DeliveryKind.Manage)
        {
            using var _ = Web.Languages.Speak(sub.Language);
            return new Email(new Mailbox(sub.Address), T("Notices.Manage.Subject", work.Organization.Name),
                T("Notices.Manage.Body", work.Organization.Name, ManageLink(site, work)), messageId)
            { Language = sub.Language, Headers = headers };
        }
        var m = NoticeMessage.For(work, site);
        headers["X-Whuffie-Message-Id"] = work.MessageId;
        return new Email(new Mailbox(sub.Address), m.Subject, m.Text, messageId)
        {
            HtmlBody = m.Html,
            Language = sub.Language,
            // Mail providers accept one-click unsubscribing only over https (RFC 8058 §3.1).
            ListUnsubscribe = m.UnsubscribeUrl is { } u && u.StartsWith("https://", StringComparison.Ordinal) ? new Uri(u) : null,
            Headers = headers,
        };
    }

    /// <summary>The page where the holder of a subscription's token changes its topics and language, or stops it.</summary>
    public static string ManageLink(string site, DeliveryWork work) =>
        $"{site}/{work.Organization.Slug}/status/manage?token={Uri.EscapeDataString(work.Subscription!.Token)}";
}
