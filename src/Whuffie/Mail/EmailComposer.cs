using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Whuffie.Mail;

/// <summary>
/// Turns an <see cref="Email"/> into a MimeKit message, which MimeKit writes as RFC 5322 text:
/// encoded-words for non-ASCII header text, quoted-printable UTF-8 bodies, folded lines. With an
/// HTML body it is multipart/alternative, the text part first (RFC 2046 §5.1.4: clients show the
/// last part they can). What MimeKit would accept but we never want is refused here, as an
/// <see cref="ArgumentException"/>: a malformed Message-ID, an address a server without SMTPUTF8
/// cannot carry, header text that would start another header.
/// </summary>
public static class EmailComposer
{
    /// <summary>Fields set here, and fields that would contradict the envelope; not accepted in <see cref="Email.Headers"/>.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "From", "Sender", "To", "Cc", "Bcc", "Subject", "Message-ID", "MIME-Version", "Return-Path",
        "Content-Type", "Content-Transfer-Encoding", "Content-Language", "List-Unsubscribe", "List-Unsubscribe-Post",
    };

    public static MimeMessage Compose(Email email, Mailbox from, DateTimeOffset date)
    {
        // MimeKit 4.18 writes an offset west of UTC with minutes (Newfoundland's -03:30) as "-03-30",
        // which no reader takes; such a date goes out in UTC, the same moment.
        var written = date.Offset < TimeSpan.Zero && date.Offset.Minutes != 0 ? date.ToUniversalTime() : date;
        var message = new MimeMessage { Date = written, Subject = OneLine(email.Subject) };
        message.From.Add(Address(from));
        message.To.Add(Address(email.To));
        message.MessageId = MessageId(email.MessageId);
        if (email.ListUnsubscribe is { } unsubscribe)
        {
            // RFC 8058 §3.1: exactly one https URI in List-Unsubscribe, and this fixed Post field;
            // the receiver then POSTs "List-Unsubscribe=One-Click" to the URI, with no cookies.
            // Written as given: MimeKit would fold even a short URL onto a line of its own.
            var header = new Header(HeaderId.ListUnsubscribe, "");
            header.SetRawValue(Encoding.ASCII.GetBytes(" <" + UnsubscribeUrl(unsubscribe) + ">\r\n"));
            message.Headers.Add(header);
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        foreach (var (name, value) in email.Headers) message.Headers.Add(HeaderName(name), OneLine(value));

        var text = Part("plain", email.TextBody);
        // The boundary follows from the Message-ID, so a retry writes the same bytes. It starts
        // with "=_", which quoted-printable never writes, so no body can contain it (RFC 2046 §5.1.1).
        message.Body = email.HtmlBody is null ? text
            : new MultipartAlternative(text, Part("html", email.HtmlBody)) { Boundary = "=_whuffie_" + Hash(email.MessageId) };
        if (email.Language is { } language) message.Body.Headers.Add(HeaderId.ContentLanguage, LanguageTag(language));
        return message;
    }

    /// <summary>
    /// The address as SMTP and the headers carry it: a dot-atom local part (RFC 5322 §3.4.1) and
    /// the domain in its ASCII form (an IDN such as "søborg.dk" becomes "xn--sborg-vua.dk"), since
    /// we do not ask the server for SMTPUTF8 (RFC 6531).
    /// </summary>
    public static string AsciiAddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) throw new ArgumentException($"'{address}' is not an email address.", nameof(address));
        var local = address[..at];
        if (local.Length > 64 || !local.All(c => IsAtext(c) || c == '.') || local.StartsWith('.') || local.EndsWith('.') || local.Contains(".."))
            throw new ArgumentException($"The local part of '{address}' is not one this sender can write (ASCII letters, digits and .!#$%&'*+-/=?^_`{{|}}~).", nameof(address));
        string domain;
        try
        {
            domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(address[(at + 1)..]);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The domain of '{address}' is not a valid host name.", nameof(address), e);
        }
        var result = local + "@" + domain;
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets, the angle brackets included.
        return result.Length <= 254 ? result : throw new ArgumentException($"'{address}' is longer than 254 characters.", nameof(address));
    }

    public static MailboxAddress Address(Mailbox mailbox) =>
        new(string.IsNullOrWhiteSpace(mailbox.Name) ? null : OneLine(mailbox.Name), AsciiAddress(mailbox.Address));

    private static TextPart Part(string subtype, string body)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText("utf-8", body.ReplaceLineEndings("\r\n"));
        return part;
    }

    /// <summary>Runs of white space, line breaks included, become one space: no caller's text can break a header into two.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>RFC 5322 §3.6.4: "&lt;" id-left "@" id-right "&gt;", printable ASCII without spaces; MimeKit takes it without the brackets.</summary>
    private static string MessageId(string id)
    {
        var ok = id.Length is > 4 and <= 250 && id.StartsWith('<') && id.EndsWith('>')
            && id.IndexOf('@') is > 1 and var at && at < id.Length - 2
            && id[1..^1].All(c => c is > ' ' and < (char)127 and not '<' and not '>');
        return ok ? id[1..^1] : throw new ArgumentException($"'{id}' is not a Message-ID of the form <left@right>.", nameof(id));
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

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];

    /// <summary>RFC 5322 §3.2.3 atext: what a word may hold without quoting.</summary>
    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c);
}
