namespace Whuffie.Mail;

/// <summary>What the outbox should do with a message after a try.</summary>
public enum SendStatus
{
    /// <summary>The server took responsibility for the message (250 after DATA, RFC 5321 §4.1.1.4).</summary>
    Sent,

    /// <summary>Try again later with the same Message-ID: a 4xx reply, a network error, a timeout, or our own setup (see <see cref="SendResult"/>).</summary>
    Transient,

    /// <summary>This message will never be accepted as it is (a 5xx reply to its own transaction, or it cannot be written): do not retry.</summary>
    Permanent,
}

/// <summary>Where in the conversation a try ended, in the order a session goes through them.</summary>
public enum SmtpStage
{
    /// <summary>Writing the message, before any connection (an address or header the writer refuses).</summary>
    Compose,
    Connect,
    Greeting,
    Hello,

    /// <summary>The TLS handshake and what leads to it: at connect (implicit TLS) or after STARTTLS.</summary>
    Tls,
    Authenticate,
    MailFrom,
    RcptTo,
    Data,
    Quit,
}

/// <summary>
/// The outcome for one message. The rule: a 5xx reply within the message's own transaction
/// (MAIL FROM, RCPT TO, DATA) is <see cref="SendStatus.Permanent"/>, as RFC 5321 §4.2.1 says of
/// 5yz replies, with two exceptions that are <see cref="SendStatus.Transient"/>: 552 to RCPT TO
/// (§4.5.3.1.10 asks clients to treat it as 452) and 530 "authentication required" (RFC 4954 §6),
/// which is our missing configuration, not the message's fault.
/// Everything before the transaction is transient even when the server answers 5xx: a wrong
/// password (535, RFC 4954 §6), a refused certificate, STARTTLS missing where it is required.
/// Those fail every message alike until an operator fixes the settings, and retrying keeps the
/// messages until then instead of dropping them all; Postfix defers the same way
/// (smtp_sasl_auth_soft_bounce). <see cref="Stage"/> before <see cref="SmtpStage.MailFrom"/> marks them.
/// </summary>
public sealed record SendResult(string MessageId, SendStatus Status, SmtpStage? Stage = null, int? ReplyCode = null, string? Detail = null)
{
    public bool Sent => Status == SendStatus.Sent;

    /// <summary>A failure of the connection or our settings rather than of this message.</summary>
    public bool IsSetupFailure => Status != SendStatus.Sent && Stage is > SmtpStage.Compose and < SmtpStage.MailFrom;

    public override string ToString() =>
        Sent ? $"{MessageId}: sent" : $"{MessageId}: {Status} at {Stage}{(ReplyCode is { } code ? $" ({code})" : "")}: {Detail}";
}

/// <summary>A failed step of an SMTP session, already classified.</summary>
internal sealed class SmtpException(SmtpStage stage, SendStatus status, string message, int? replyCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public SmtpStage Stage { get; } = stage;
    public SendStatus Status { get; } = status;
    public int? ReplyCode { get; } = replyCode;

    public SendResult ToResult(string messageId) => new(messageId, Status, Stage, ReplyCode, Message);
}
