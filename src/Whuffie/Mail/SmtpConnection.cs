using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Whuffie.Mail;

/// <summary>
/// One SMTP session (RFC 5321) as far as a submitting client needs it: greeting, EHLO, STARTTLS
/// (RFC 3207), AUTH (RFC 4954), then any number of mail transactions. Commands go one at a time
/// (no PIPELINING), each reply waited for under <see cref="MailOptions.CommandTimeout"/>. Every
/// failure leaves as an <see cref="SmtpException"/> that says how it should be treated.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private readonly MailOptions _options;
    private readonly TimeProvider _clock;
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private readonly SmtpReader _reader = new();
    private Stream? _stream;
    private Dictionary<string, string> _extensions = new(StringComparer.OrdinalIgnoreCase);
    private SslPolicyErrors _certificateErrors;

    private SmtpConnection(MailOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>False once the session can no longer be used: the network failed, a reply timed out, or the server said 421.</summary>
    public bool IsOpen { get; private set; } = true;

    public bool IsEncrypted => _stream is SslStream;

    /// <summary>Connects, says hello, secures the session and logs in, as the options ask.</summary>
    public static async Task<SmtpConnection> OpenAsync(MailOptions options, TimeProvider clock, CancellationToken ct)
    {
        var connection = new SmtpConnection(options, clock);
        try
        {
            await connection.StartAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(CancellationToken ct)
    {
        await StepAsync(SmtpStage.Connect, _options.ConnectTimeout, async t =>
        {
            await _tcp.ConnectAsync(_options.Host, _options.EffectivePort, t);
            _stream = _tcp.GetStream();
            return 0;
        }, ct);
        if (_options.Security == MailSecurity.Tls)
            await StepAsync(SmtpStage.Tls, _options.ConnectTimeout, async t => { await HandshakeAsync(t); return 0; }, ct);
        Expect(SmtpStage.Greeting, "the greeting", await ReadReplyAsync(SmtpStage.Greeting, ct), 220);
        await HelloAsync(ct);

        if (_options.Security == MailSecurity.StartTls)
        {
            // RFC 3207 §4: a client that requires TLS must not go on without it.
            if (!_extensions.ContainsKey("STARTTLS"))
                throw new SmtpException(SmtpStage.Tls, SendStatus.Transient,
                    $"{_options.Host} does not offer STARTTLS, and Mail:Security is StartTls: nothing is sent unencrypted.");
            Expect(SmtpStage.Tls, "STARTTLS", await CommandAsync(SmtpStage.Tls, "STARTTLS", ct), 220);
            // Anything already buffered was sent before encryption and could have been injected
            // by someone on the path (the STARTTLS command injection of CVE-2011-0411).
            if (_reader.HasBufferedData)
                throw Broken(SmtpStage.Tls, "The server sent more after agreeing to STARTTLS; refusing the session.");
            await StepAsync(SmtpStage.Tls, _options.CommandTimeout, async t => { await HandshakeAsync(t); return 0; }, ct);
            // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
            await HelloAsync(ct);
        }

        if (!string.IsNullOrEmpty(_options.User)) await AuthenticateAsync(_options.User, _options.Password ?? "", ct);
    }

    /// <summary>
    /// One mail transaction (RFC 5321 §3.3): MAIL, RCPT, DATA and the message, dot-stuffed.
    /// <paramref name="beforeEnd"/> runs once the whole message is with the server except the
    /// final "." line: a server delivers nothing whose data never ended, so whatever the caller
    /// records there (that the message is sent) and the delivery happen both or neither, except
    /// for a crash in the moment between the two.
    /// </summary>
    public async Task SendAsync(string from, string to, byte[] message, CancellationToken ct, Func<Task>? beforeEnd = null)
    {
        // RFC 1870: declaring the size lets the server refuse an oversized message before DATA.
        var size = _extensions.ContainsKey("SIZE") ? $" SIZE={message.Length}" : "";
        Expect(SmtpStage.MailFrom, "MAIL FROM", await CommandAsync(SmtpStage.MailFrom, $"MAIL FROM:<{from}>{size}", ct), 250);
        Expect(SmtpStage.RcptTo, "RCPT TO", await CommandAsync(SmtpStage.RcptTo, $"RCPT TO:<{to}>", ct), 250, 251);
        Expect(SmtpStage.Data, "DATA", await CommandAsync(SmtpStage.Data, "DATA", ct), 354);
        // If this times out after the data went out, the server may still deliver: a retry can
        // duplicate the message (RFC 5321 §6.1), and the stable Message-ID lets receivers tell.
        var data = DotStuff(message);
        var end = data.Length - EndOfData.Length;
        var reply = await StepAsync(SmtpStage.Data, _options.CommandTimeout, async t =>
        {
            await Stream.WriteAsync(data.AsMemory(0, end), t);
            await Stream.FlushAsync(t);
            if (beforeEnd is not null) await beforeEnd();
            await Stream.WriteAsync(data.AsMemory(end), t);
            await Stream.FlushAsync(t);
            return await _reader.ReadReplyAsync(Stream, t);
        }, ct);
        Expect(SmtpStage.Data, "the end of the message", reply, 250);
    }

    /// <summary>Clears any half-done transaction before the next message (RFC 5321 §4.1.1.5).</summary>
    public async Task ResetAsync(CancellationToken ct) =>
        Expect(SmtpStage.MailFrom, "RSET", await CommandAsync(SmtpStage.MailFrom, "RSET", ct), 250);

    /// <summary>Ends the session politely; the outcome no longer matters, so errors are ignored.</summary>
    public async Task QuitAsync()
    {
        if (!IsOpen) return;
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5), _clock);
        try
        {
            await CommandAsync(SmtpStage.Quit, "QUIT", quick.Token);
        }
        catch (SmtpException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        IsOpen = false;
    }

    public async ValueTask DisposeAsync()
    {
        IsOpen = false;
        if (_stream is not null) await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private Stream Stream => _stream ?? throw new InvalidOperationException("Not connected.");

    private async Task HelloAsync(CancellationToken ct)
    {
        var reply = await CommandAsync(SmtpStage.Hello, "EHLO " + HeloName(), ct);
        Expect(SmtpStage.Hello, "EHLO", reply, 250);
        // RFC 5321 §4.1.1.1: after the first line, one extension per line, "KEYWORD params".
        _extensions = reply.Lines.Skip(1)
            .Select(line => line.Split(' ', 2))
            .GroupBy(words => words[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().ElementAtOrDefault(1) ?? "", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>AUTH PLAIN (RFC 4616) in one step where offered, else LOGIN. The password never appears in an error.</summary>
    private async Task AuthenticateAsync(string user, string password, CancellationToken ct)
    {
        var offered = _extensions.TryGetValue("AUTH", out var list) ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (offered.Contains("PLAIN", StringComparer.OrdinalIgnoreCase))
        {
            var credentials = Base64($"\0{user}\0{password}");
            Expect(SmtpStage.Authenticate, "AUTH PLAIN", await CommandAsync(SmtpStage.Authenticate, "AUTH PLAIN " + credentials, ct), 235);
        }
        else if (offered.Contains("LOGIN", StringComparer.OrdinalIgnoreCase))
        {
            Expect(SmtpStage.Authenticate, "AUTH LOGIN", await CommandAsync(SmtpStage.Authenticate, "AUTH LOGIN", ct), 334);
            Expect(SmtpStage.Authenticate, "AUTH LOGIN (user)", await CommandAsync(SmtpStage.Authenticate, Base64(user), ct), 334);
            Expect(SmtpStage.Authenticate, "AUTH LOGIN (password)", await CommandAsync(SmtpStage.Authenticate, Base64(password), ct), 235);
        }
        else
        {
            throw new SmtpException(SmtpStage.Authenticate, SendStatus.Transient,
                $"Mail:User is set, but {_options.Host} offers {(offered.Length == 0 ? "no AUTH" : "only AUTH " + string.Join(' ', offered))}; this sender speaks PLAIN and LOGIN.");
        }
    }

    private async Task HandshakeAsync(CancellationToken ct)
    {
        var tls = new SslStream(Stream, leaveInnerStreamOpen: false);
        _stream = tls;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = _options.Host,
            RemoteCertificateValidationCallback = AcceptCertificate,
        }, ct);
    }

    private bool AcceptCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _certificateErrors = errors;
        if (errors == SslPolicyErrors.None || _options.AcceptAnyCertificate) return true;
        var pinned = _options.CertificateThumbprint?.Replace(":", "").Replace(" ", "");
        return certificate is not null && !string.IsNullOrEmpty(pinned)
            && string.Equals(pinned, certificate.GetCertHashString(HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The EHLO name: configured, or our address literal (RFC 5321 §4.1.3), which needs no DNS.</summary>
    private string HeloName()
    {
        if (!string.IsNullOrWhiteSpace(_options.HeloName)) return _options.HeloName;
        var address = (_tcp.Client.LocalEndPoint as IPEndPoint)?.Address ?? IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{address}]" : $"[{address}]";
    }

    private Task<SmtpReply> CommandAsync(SmtpStage stage, string command, CancellationToken ct) =>
        StepAsync(stage, _options.CommandTimeout, async t =>
        {
            await Stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), t);
            await Stream.FlushAsync(t);
            return await _reader.ReadReplyAsync(Stream, t);
        }, ct);

    private Task<SmtpReply> ReadReplyAsync(SmtpStage stage, CancellationToken ct) =>
        StepAsync(stage, _options.CommandTimeout, t => _reader.ReadReplyAsync(Stream, t), ct);

    /// <summary>Runs one step under a time limit and turns network, TLS and timeout failures into transient ones.</summary>
    private async Task<T> StepAsync<T>(SmtpStage stage, TimeSpan limit, Func<CancellationToken, Task<T>> step, CancellationToken ct)
    {
        if (!IsOpen) throw new SmtpException(stage, SendStatus.Transient, "The connection was lost earlier in this session.");
        using var timer = new CancellationTokenSource(limit, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return await step(linked.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw Broken(stage, $"{_options.Host}:{_options.EffectivePort} did not answer within {limit.TotalSeconds:0.#} s.");
        }
        catch (AuthenticationException e)
        {
            var why = _certificateErrors == SslPolicyErrors.None ? e.Message : $"its certificate was not accepted ({_certificateErrors})";
            throw Broken(stage, $"TLS with {_options.Host} failed: {why}. To trust a self-signed certificate, set Mail:CertificateThumbprint.", e);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException)
        {
            throw Broken(stage, $"{_options.Host}:{_options.EffectivePort}: {e.Message}", e);
        }
    }

    private SmtpException Broken(SmtpStage stage, string message, Exception? inner = null)
    {
        IsOpen = false;
        return new SmtpException(stage, SendStatus.Transient, message, inner: inner);
    }

    /// <summary>Accepts the expected codes; classifies any other reply (see <see cref="SendResult"/>).</summary>
    private void Expect(SmtpStage stage, string step, SmtpReply reply, params int[] expected)
    {
        if (expected.Contains(reply.Code)) return;
        // RFC 5321 §3.8: 421 means the server is closing the session.
        if (reply.Code == 421) IsOpen = false;
        var inTransaction = stage is SmtpStage.MailFrom or SmtpStage.RcptTo or SmtpStage.Data;
        var permanent = reply.Code is >= 500 and < 600 && inTransaction
            && reply.Code != 530 && !(stage == SmtpStage.RcptTo && reply.Code == 552);
        throw new SmtpException(stage, permanent ? SendStatus.Permanent : SendStatus.Transient,
            $"{_options.Host} answered {step} with {reply}", reply.Code);
    }

    /// <summary>
    /// RFC 5321 §4.5.2: a line that starts with "." gets another, so it cannot end the data;
    /// then the data ends with CRLF "." CRLF. The message's lines already end in CRLF.
    /// </summary>
    internal static byte[] DotStuff(ReadOnlySpan<byte> message)
    {
        var output = new MemoryStream(message.Length + message.Length / 50 + 8);
        var lineStart = true;
        foreach (var b in message)
        {
            if (lineStart && b == (byte)'.') output.WriteByte((byte)'.');
            output.WriteByte(b);
            lineStart = b == (byte)'\n';
        }
        if (!message.EndsWith("\r\n"u8)) output.Write("\r\n"u8);
        output.Write(EndOfData);
        return output.ToArray();
    }

    /// <summary>The line that ends the data; the body before it always ends in CRLF.</summary>
    private static ReadOnlySpan<byte> EndOfData => ".\r\n"u8;

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
