using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Whuffie.Mail;

/// <summary>
/// Writes an <see cref="Email"/> as an RFC 5322 message with MIME bodies (RFC 2045/2046): plain
/// ASCII, CRLF line ends, no line over 998 octets, so any SMTP server carries it unchanged.
/// With an HTML body it is multipart/alternative, the text part first (RFC 2046 §5.1.4: the
/// last part is the richest one, and clients show the last they can).
/// Dot-stuffing is not done here: it belongs to SMTP's DATA (RFC 5321 §4.5.2).
/// </summary>
public static class MimeWriter
{
    /// <summary>Fields this writer sets, and fields that would contradict the envelope; not accepted in <see cref="Email.Headers"/>.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "From", "Sender", "To", "Cc", "Bcc", "Subject", "Message-ID", "MIME-Version", "Return-Path",
        "Content-Type", "Content-Transfer-Encoding", "Content-Language", "List-Unsubscribe", "List-Unsubscribe-Post",
    };

    public static byte[] Write(Email email, Mailbox from, DateTimeOffset date) =>
        Encoding.ASCII.GetBytes(WriteText(email, from, date));

    public static string WriteText(Email email, Mailbox from, DateTimeOffset date)
    {
        var message = new StringBuilder();
        message.Append(MimeEncoding.Field("Date", [FormatDate(date)]));
        message.Append(MimeEncoding.Field("From", MimeEncoding.Mailbox(from)));
        message.Append(MimeEncoding.Field("To", MimeEncoding.Mailbox(email.To)));
        message.Append(MimeEncoding.Field("Subject", MimeEncoding.Unstructured(email.Subject)));
        message.Append(MimeEncoding.Field("Message-ID", [MessageId(email.MessageId)]));
        if (email.Language is { } language) message.Append(MimeEncoding.Field("Content-Language", [LanguageTag(language)]));
        if (email.ListUnsubscribe is { } unsubscribe)
        {
            // RFC 8058 §3.1: exactly one https URI in List-Unsubscribe, and this fixed Post field;
            // the receiver then POSTs "List-Unsubscribe=One-Click" to the URI, with no cookies.
            message.Append(MimeEncoding.Field("List-Unsubscribe", ["<" + UnsubscribeUrl(unsubscribe) + ">"]));
            message.Append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        }
        foreach (var (name, value) in email.Headers)
            message.Append(MimeEncoding.Field(HeaderName(name), MimeEncoding.Unstructured(value)));
        message.Append("MIME-Version: 1.0\r\n");

        if (email.HtmlBody is null)
        {
            AppendPart(message, "text/plain", email.TextBody);
            return message.ToString();
        }

        var boundary = Boundary(email.MessageId);
        message.Append(MimeEncoding.Field("Content-Type", ["multipart/alternative;", $"boundary=\"{boundary}\""]));
        message.Append("\r\n");
        message.Append("--").Append(boundary).Append("\r\n");
        AppendPart(message, "text/plain", email.TextBody);
        message.Append("--").Append(boundary).Append("\r\n");
        AppendPart(message, "text/html", email.HtmlBody);
        message.Append("--").Append(boundary).Append("--\r\n");
        return message.ToString();
    }

    private static void AppendPart(StringBuilder message, string mediaType, string body)
    {
        message.Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8\r\n");
        message.Append("Content-Transfer-Encoding: quoted-printable\r\n");
        message.Append("\r\n");
        message.Append(MimeEncoding.QuotedPrintable(body));
    }

    /// <summary>RFC 5322 §3.3, "Mon, 23 Nov 2026 09:00:00 +0100", in English whatever the culture.</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + Math.Abs(offset.Hours).ToString("00", CultureInfo.InvariantCulture) + Math.Abs(offset.Minutes).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The boundary follows from the Message-ID, so a retry writes the same bytes. It starts
    /// with "=_", which quoted-printable never writes, so no body can contain it (RFC 2046 §5.1.1).
    /// </summary>
    private static string Boundary(string messageId) =>
        "=_whuffie_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..24];

    /// <summary>RFC 5322 §3.6.4: "&lt;" id-left "@" id-right "&gt;", printable ASCII without spaces.</summary>
    private static string MessageId(string id)
    {
        var ok = id.Length is > 4 and <= 250 && id.StartsWith('<') && id.EndsWith('>')
            && id.IndexOf('@') is > 1 and var at && at < id.Length - 2
            && id[1..^1].All(c => c is > ' ' and < (char)127 and not '<' and not '>');
        return ok ? id : throw new ArgumentException($"'{id}' is not a Message-ID of the form <left@right>.", nameof(id));
    }

    private static string LanguageTag(string tag) =>
        tag.Length is > 0 and <= 35 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? tag
            : throw new ArgumentException($"'{tag}' is not a language tag (RFC 5646).", nameof(tag));

    private static string UnsubscribeUrl(Uri url)
    {
        var text = url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps ? url.AbsoluteUri : null;
        return text is not null && Ascii.IsValid(text) && text.Length < 900 && !text.Contains('>')
            ? text
            : throw new ArgumentException($"List-Unsubscribe must be an absolute https URL in ASCII (RFC 8058 §3.1), not '{url}'.", nameof(url));
    }

    /// <summary>RFC 5322 §2.2: a field name is printable ASCII without a colon.</summary>
    private static string HeaderName(string name)
    {
        if (name.Length is 0 or > 76 || !name.All(c => c is > ' ' and < (char)127 and not ':'))
            throw new ArgumentException($"'{name}' is not a header field name.", nameof(name));
        return Reserved.Contains(name) ? throw new ArgumentException($"The {name} header is written by the mail sender; it cannot be set as an extra header.", nameof(name)) : name;
    }
}
