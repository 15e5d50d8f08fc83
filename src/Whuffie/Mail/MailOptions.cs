using System.Net;

namespace Whuffie.Mail;

public enum MailSecurity
{
    /// <summary>Plain connect, then STARTTLS (RFC 3207), required: no mail goes out unencrypted. Port 587.</summary>
    StartTls,

    /// <summary>TLS from the first byte (RFC 8314 §3.3, "submissions"). Port 465.</summary>
    Tls,

    /// <summary>No encryption: only to a relay or sink on this machine (loopback).</summary>
    None,
}

/// <summary>The "Mail" configuration section: the submission server the notifications go through.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string Host { get; set; } = "";

    /// <summary>0 picks the usual port for <see cref="Security"/>: 587, 465 or 25.</summary>
    public int Port { get; set; }

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    /// <summary>
    /// Set to authenticate (RFC 4954), only over TLS: with the strongest mechanism both sides know
    /// (SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN, …).
    /// </summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address of messages that name none, e.g. "noreply@whuffie.example".</summary>
    public string From { get; set; } = "";

    public string? FromName { get; set; }

    /// <summary>
    /// The SHA-256 thumbprint (hex; colons and spaces ignored) of a server certificate to trust
    /// even though its chain or name does not validate, e.g. a relay's self-signed certificate.
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Trust any certificate. Allowed only with a loopback <see cref="Host"/>, for tests.</summary>
    public bool AcceptAnyCertificate { get; set; }

    /// <summary>The name we give in EHLO; default: our address as a literal, e.g. "[192.0.2.7]" (RFC 5321 §4.1.3).</summary>
    public string? HeloName { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait for any one reply. RFC 5321 §4.5.3.2 suggests minutes per command for
    /// relays; a submission server answers in seconds, and a job's lease is 5 minutes, so one.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public Mailbox Sender => new(From, FromName);

    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        MailSecurity.Tls => 465,
        MailSecurity.None => 25,
        _ => 587,
    };

    public bool IsLoopback => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>What is wrong with these settings; empty when they can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return "Mail:Host is required.";
        if (Port is < 0 or > 65535) yield return $"Mail:Port {Port} is not a port.";
        if (Security == MailSecurity.None && !IsLoopback)
            yield return $"Mail:Security None sends mail and passwords unencrypted; it is allowed only to a loopback host, not '{Host}'.";
        if (AcceptAnyCertificate && !IsLoopback)
            yield return $"Mail:AcceptAnyCertificate is for loopback tests only; for '{Host}', set Mail:CertificateThumbprint instead.";
        if (!string.IsNullOrEmpty(User) && Password is null) yield return "Mail:Password is required when Mail:User is set.";
        if (!string.IsNullOrEmpty(User) && Security == MailSecurity.None)
            yield return "Mail:User with Mail:Security None would send the password unencrypted; use StartTls or Tls.";
        if (string.IsNullOrWhiteSpace(From)) yield return "Mail:From (the sender address) is required.";
        if (ConnectTimeout <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero) yield return "Mail timeouts must be positive.";
    }
}
