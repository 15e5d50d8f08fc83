using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Whuffie.Mail;

/// <summary>
/// One SMTP session on MailKit's <see cref="SmtpClient"/>, as the options ask: TCP connect under
/// <see cref="MailOptions.ConnectTimeout"/>, then greeting, EHLO, STARTTLS (required) or implicit TLS,
/// AUTH, and any number of messages. MailKit's async calls honour no timeout of their own, so every
/// step runs under a watch that any traffic restarts: <see cref="MailOptions.CommandTimeout"/> is the
/// longest wait for one reply. Every failure leaves as an <see cref="SmtpException"/> saying how to treat it.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    private readonly MailOptions _options;
    private readonly TimeProvider _clock;
    private readonly Watch _watch = new();
    private readonly SmtpClient _client;
    private SslPolicyErrors _certificateErrors;

    private SmtpSession(MailOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _client = new SmtpClient(_watch)
        {
            ServerCertificateValidationCallback = AcceptCertificate,
            // As before MailKit: a relay behind a firewall often cannot reach a CA's OCSP server,
            // and an unknown revocation status would refuse every message.
            CheckCertificateRevocation = false,
        };
    }

    /// <summary>False once the session can no longer be used: the network failed, a reply timed out, or the server closed it.</summary>
    public bool IsOpen => _client.IsConnected;

    /// <summary>Connects, says hello, secures the session and logs in, as the options ask.</summary>
    public static async Task<SmtpSession> OpenAsync(MailOptions options, TimeProvider clock, CancellationToken ct)
    {
        var session = new SmtpSession(options, clock);
        try
        {
            await session.StartAsync(ct);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timer = new CancellationTokenSource(_options.ConnectTimeout, _clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            await socket.ConnectAsync(_options.Host, _options.EffectivePort, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw Transient(SmtpStage.Connect, $"{Endpoint} did not accept a connection within {_options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw Transient(SmtpStage.Connect, $"{Endpoint}: {e.Message}", e);
        }

        // EHLO names us by our address literal unless told otherwise (RFC 5321 §4.1.3): no DNS needed.
        _client.LocalDomain = string.IsNullOrWhiteSpace(_options.HeloName) ? (socket.LocalEndPoint as IPEndPoint)?.Address.ToString() : _options.HeloName;
        _watch.Stage = _options.Security == MailSecurity.Tls ? SmtpStage.Tls : SmtpStage.Greeting;
        var security = _options.Security switch
        {
            MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
            // RFC 3207 §4: a client that requires TLS must not go on without it; MailKit refuses to.
            // It also drops anything the server sent before the handshake (the injection of CVE-2011-0411).
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await StepAsync(t => _client.ConnectAsync(socket, _options.Host, _options.EffectivePort, security, t), ct);

        if (string.IsNullOrEmpty(_options.User)) return;
        // MailOptions refuses a user without TLS at start; this holds the line should that ever change.
        if (!_client.IsSecure) throw Transient(SmtpStage.Authenticate, "Mail:User is set, but the session is not encrypted: the password is sent only over TLS.");
        _watch.Stage = SmtpStage.Authenticate;
        // The strongest mechanism both sides know (SCRAM, CRAM-MD5, PLAIN, LOGIN, …), UTF-8 as RFC 4616 §2 asks.
        await StepAsync(t => _client.AuthenticateAsync(System.Text.Encoding.UTF8, new NetworkCredential(_options.User, _options.Password ?? ""), t), ct);
    }

    /// <summary>
    /// One mail transaction: MAIL, RCPT, DATA and the message. <paramref name="beforeEnd"/> runs once
    /// MailKit has been handed the whole message and before it writes the final "." line: a server
    /// delivers nothing whose data never ended (RFC 5321 §4.1.1.4), so what the caller records there
    /// (that the message is sent) and the delivery happen both or neither, except for a crash in the
    /// moment between the two. See <see cref="BeforeFinalDot"/>.
    /// </summary>
    public async Task SendAsync(MimeMessage message, MailboxAddress from, MailboxAddress to, CancellationToken ct, Action? beforeEnd = null)
    {
        _watch.Stage = SmtpStage.MailFrom;
        var progress = beforeEnd is null ? null : new BeforeFinalDot(beforeEnd);
        try
        {
            // If this times out after the data went out, the server may still deliver: a retry can
            // duplicate the message (RFC 5321 §6.1), and the stable Message-ID lets receivers tell.
            await StepAsync(t => _client.SendAsync(FormatOptions.Default, message, from, [to], t, progress), ct);
        }
        catch (Exception) when (progress?.Failure is { } failure)
        {
            // The caller's own record failed: its exception, not a mail error.
            failure.Throw();
        }
        // Unreachable with MailKit as it is (it measures the size whenever progress is asked for);
        // should a version stop reporting, the record still follows the server's 250.
        if (progress is { Fired: false }) beforeEnd!();
    }

    /// <summary>Ends the session politely; the outcome no longer matters, so errors are ignored.</summary>
    public async Task QuitAsync()
    {
        if (!IsOpen) return;
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5), _clock);
        try
        {
            _watch.Stage = SmtpStage.Quit;
            await _client.DisconnectAsync(true, quick.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or MailKit.Net.Smtp.SmtpProtocolException or SmtpCommandException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Endpoint => $"{_options.Host}:{_options.EffectivePort}";

    private bool AcceptCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _certificateErrors = errors;
        if (errors == SslPolicyErrors.None || _options.AcceptAnyCertificate) return true;
        var pinned = _options.CertificateThumbprint?.Replace(":", "").Replace(" ", "");
        return certificate is not null && !string.IsNullOrEmpty(pinned)
            && string.Equals(pinned, certificate.GetCertHashString(HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs one MailKit call under the watch and turns what can go wrong with mail into an <see cref="SmtpException"/>.</summary>
    private async Task StepAsync(Func<CancellationToken, Task> step, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(_options.CommandTimeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        _watch.Restart = () => timer.CancelAfter(_options.CommandTimeout);
        try
        {
            await step(linked.Token);
        }
        catch (OperationCanceledException e) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw Transient(_watch.Stage, $"{Endpoint} did not answer within {_options.CommandTimeout.TotalSeconds:0.#} s.", e);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }
        finally
        {
            _watch.Restart = null;
        }
    }

    private SmtpException? Classify(Exception e) => e switch
    {
        SmtpCommandException c => Refused(c),
        MailKit.Security.AuthenticationException a => new SmtpException(SmtpStage.Authenticate, SendStatus.Transient,
            $"{_options.Host} refused the login of Mail:User: {a.Message}", (a.InnerException as SmtpCommandException)?.StatusCode is { } code ? (int)code : null, a),
        ServiceNotAuthenticatedException n => new SmtpException(_watch.Stage, SendStatus.Transient, $"{_options.Host} wants a login (set Mail:User): {n.Message}", 530, n),
        SslHandshakeException h => Transient(SmtpStage.Tls, $"TLS with {_options.Host} failed: "
            + (_certificateErrors == SslPolicyErrors.None ? h.Message : $"its certificate was not accepted ({_certificateErrors})")
            + ". To trust a self-signed certificate, set Mail:CertificateThumbprint.", h),
        NotSupportedException when _watch.Stage == SmtpStage.Authenticate => Transient(SmtpStage.Authenticate,
            $"Mail:User is set, but {_options.Host} offers {(_client.AuthenticationMechanisms.Count == 0 ? "no AUTH" : "only AUTH " + string.Join(' ', _client.AuthenticationMechanisms))}, none this sender speaks.", e),
        NotSupportedException when _options.Security == MailSecurity.StartTls && !_client.IsConnected => Transient(SmtpStage.Tls,
            $"{_options.Host} does not offer STARTTLS, and Mail:Security is StartTls: nothing is sent unencrypted.", e),
        IOException or SocketException or MailKit.Net.Smtp.SmtpProtocolException or TimeoutException => Transient(_watch.Stage, $"{Endpoint}: {e.Message}", e),
        _ => null,
    };

    /// <summary>A reply other than the one hoped for, classified (see <see cref="SendResult"/>).</summary>
    private SmtpException Refused(SmtpCommandException e)
    {
        var stage = e.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => SmtpStage.MailFrom,
            SmtpErrorCode.RecipientNotAccepted => SmtpStage.RcptTo,
            SmtpErrorCode.MessageNotAccepted => SmtpStage.Data,
            _ => _watch.Stage,
        };
        var code = (int)e.StatusCode;
        var inTransaction = stage is SmtpStage.MailFrom or SmtpStage.RcptTo or SmtpStage.Data;
        var permanent = code is >= 500 and < 600 && inTransaction && code != 530 && !(stage == SmtpStage.RcptTo && code == 552);
        return new SmtpException(stage, permanent ? SendStatus.Permanent : SendStatus.Transient, $"{_options.Host} answered {stage} with {code} {e.Message}", code, e);
    }

    private static SmtpException Transient(SmtpStage stage, string message, Exception? inner = null) =>
        new(stage, SendStatus.Transient, message, inner: inner);

    /// <summary>
    /// MailKit's protocol log, used for two things and storing nothing (AUTH's lines carry the password):
    /// any traffic restarts the step's watch, and each command names the stage a failure happened in.
    /// </summary>
    private sealed class Watch : IProtocolLogger
    {
        public SmtpStage Stage { get; set; }
        public Action? Restart { get; set; }
        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public void LogConnect(Uri uri) => Stage = SmtpStage.Greeting;

        public void LogClient(byte[] buffer, int offset, int count)
        {
            Restart?.Invoke();
            // Only a transaction's own stages once it began; message bytes are not commands.
            var verb = System.Text.Encoding.ASCII.GetString(buffer, offset, Math.Min(count, 9)).Split(' ', '\r')[0].ToUpperInvariant();
            var next = verb switch
            {
                "EHLO" or "HELO" => SmtpStage.Hello,
                "STARTTLS" => SmtpStage.Tls,
                "AUTH" => SmtpStage.Authenticate,
                "MAIL" or "RSET" => SmtpStage.MailFrom,
                "RCPT" => SmtpStage.RcptTo,
                "DATA" => SmtpStage.Data,
                "QUIT" => SmtpStage.Quit,
                _ => Stage,
            };
            if (Stage < SmtpStage.MailFrom || next >= SmtpStage.MailFrom) Stage = next;
        }

        public void LogServer(byte[] buffer, int offset, int count) => Restart?.Invoke();

        public void Dispose()
        {
        }
    }
}
