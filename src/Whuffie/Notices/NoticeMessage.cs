using System.Net;
using Whuffie.Deliveries;
using Whuffie.Deliveries.Channels;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>
/// The words of one notice update, the same on every channel: a subject line, the text, a short
/// form for SMS and Mastodon, the links to the status page and to the way out. Written in the
/// subscriber's language (the organization's for public channels).
/// </summary>
public sealed record NoticeMessage(string Subject, string Text, string Html, string Short, string Url, string? UnsubscribeUrl)
{
    public const int ShortMaxLength = 480;

    public static NoticeMessage For(DeliveryWork work, string site)
    {
        var notice = work.Notice ?? throw new InvalidOperationException($"Delivery {work.Delivery.Id} carries no notice.");
        var update = work.Update!;
        var org = work.Organization;
        using var _ = Languages.Speak(work.Subscription?.Language ?? org.DefaultLanguage);
        var url = $"{site}/{org.Slug}/status/{notice.Id}";
        var unsubscribe = work.Subscription is { } s ? UnsubscribeLink(site, org.Slug, s.Token) : null;
        var severity = T($"Notices.Severity.{notice.Severity}");
        var subject = update.Resolves ? T("Notices.Resolved", notice.Title)
            : work.UpdateIndex > 0 ? T("Notices.Update", notice.Title)
            : $"{severity}: {notice.Title}";
        var text = $"{subject}\n\n{update.Body}\n\n{T("Notices.More", url)}\n";
        if (unsubscribe is not null) text += $"\n-- \n{T("Notices.Why", org.Name)}\n{T("Notices.Stop", unsubscribe)}\n";
        var html = $"<h1>{Enc(subject)}</h1>{Markdown.ToHtml(update.Body)}<p><a href=\"{Enc(url)}\">{Enc(T("Notices.More", url))}</a></p>"
            + (unsubscribe is null ? "" : $"<hr><p>{Enc(T("Notices.Why", org.Name))} <a href=\"{Enc(unsubscribe)}\">{Enc(T("Notices.StopLink"))}</a></p>");
        var tail = $"\n{url}";
        if (unsubscribe is not null && work.Delivery.Channel == Channel.Sms) tail += $"\n{T("Notices.Stop", unsubscribe)}";
        var head = $"{subject}\n{update.Body}";
        var room = ShortMaxLength - tail.Length;
        var shortText = (head.Length > room ? head[..Math.Max(0, room - 1)] + "…" : head) + tail;
        return new NoticeMessage(subject, text, html, shortText, url, unsubscribe);
    }

    public static string UnsubscribeLink(string site, string org, string token) => $"{site}/{org}/status/unsubscribe?token={Uri.EscapeDataString(token)}";

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
