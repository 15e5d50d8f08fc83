namespace Whuffie.Mail;

/// <summary>A person's address and the name shown with it ("Sofie Madsen" &lt;sofie@example.dk&gt;).</summary>
public sealed record Mailbox(string Address, string? Name = null)
{
    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}

/// <summary>
/// One message to one person, as the outbox hands it to <see cref="SmtpSender"/>.
/// <see cref="EmailComposer"/> turns it into a MimeKit message; nothing here is encoded yet.
/// </summary>
/// <param name="To">The recipient, both in the envelope (RCPT TO) and the To header.</param>
/// <param name="Subject">Any text; line breaks become spaces, non-ASCII is encoded (RFC 2047).</param>
/// <param name="TextBody">The plain-text body, always sent, first.</param>
/// <param name="MessageId">
/// "&lt;outbox-123@whuffie.example&gt;" (RFC 5322 §3.6.4), chosen by the caller from something stable
/// so that a retry carries the same id and receivers can recognise a duplicate.
/// </param>
public sealed record Email(Mailbox To, string Subject, string TextBody, string MessageId)
{
    /// <summary>The author and envelope sender; null takes <see cref="MailOptions.From"/>.</summary>
    public Mailbox? From { get; init; }

    /// <summary>An HTML alternative to <see cref="TextBody"/>; the text part is always sent too.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>
    /// An https URL that unsubscribes with one POST and no further questions (RFC 8058): it becomes
    /// List-Unsubscribe and List-Unsubscribe-Post, which mail providers show as an unsubscribe button.
    /// </summary>
    public Uri? ListUnsubscribe { get; init; }

    /// <summary>The language of the bodies ("da", "nb"), sent as Content-Language (RFC 3282).</summary>
    public string? Language { get; init; }

    /// <summary>
    /// Further header fields (e.g. "Auto-Submitted": "auto-generated", RFC 3834 §5). Names are
    /// checked; values may hold any text and are encoded where needed. The fields the composer
    /// sets itself may not be given here.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The Date header; null takes the sender's clock when it writes the message.</summary>
    public DateTimeOffset? Date { get; init; }
}
