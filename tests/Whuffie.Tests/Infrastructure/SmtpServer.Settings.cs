using Microsoft.Extensions.Logging.Abstractions;
using Whuffie.Mail;

namespace Whuffie.Tests.Infrastructure;

/// <summary>
/// The app's mail settings for this server. Apart from the rest of the fixture, which the
/// scale-out tests share by linking it, because those never load the app's assembly.
/// </summary>
public partial class SmtpServer
{
    /// <summary>Settings for one of the listeners; the secure ones with our user and the pinned certificate.</summary>
    public MailOptions Options(MailSecurity security) => new()
    {
        Host = "127.0.0.1",
        Security = security,
        Port = security switch { MailSecurity.StartTls => StartTlsPort, MailSecurity.Tls => TlsPort, _ => PlainPort },
        User = security == MailSecurity.None ? null : User,
        Password = security == MailSecurity.None ? null : Password,
        From = SenderAddress,
        FromName = "Whuffie",
        CertificateThumbprint = CertificateThumbprint,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    public static SmtpSender SenderFor(MailOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SmtpSender>.Instance);
}
