using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Whuffie.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for a test class: smtp_server.py on Debian's python3-aiosmtpd, listening on
/// loopback three ways (plain; STARTTLS required, then AUTH; implicit TLS with AUTH LOGIN only),
/// with a self-signed certificate made here. Each accepted message lands as a file that
/// <see cref="WaitForAsync"/> reads, parsed by Python's email package. The process ends with the fixture.
/// </summary>
public partial class SmtpServer : IAsyncLifetime
{
    public const string User = "whuffie-mailer";

    /// <summary>Not ASCII on purpose: AUTH must send the password as UTF-8 (RFC 4616 §2).</summary>
    public const string Password = "kodeord-med-æøå";

    public const string SenderAddress = "noreply@whuffie.example";

    private const string Missing = "The mail tests need a real SMTP server: install Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd); ./test.sh does, as root.";

    private readonly string _folder = Directory.CreateTempSubdirectory("whuffie-smtp-").FullName;
    private readonly StringBuilder _errors = new();
    private Process? _process;

    public int PlainPort { get; private set; }
    public int StartTlsPort { get; private set; }
    public int TlsPort { get; private set; }

    /// <summary>The SHA-256 thumbprint of the server's self-signed certificate.</summary>
    public string CertificateThumbprint { get; private set; } = "";

    private string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Only the headers are read (no parts, no defects of theirs): for tests that count thousands of messages.</summary>
    protected virtual bool HeadersOnly => false;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(MailFolder);
        var (cert, key) = await WriteCertificateAsync();
        var info = new ProcessStartInfo(PythonPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Infrastructure", "smtp_server.py"), MailFolder, cert, key, User, Password })
            info.ArgumentList.Add(arg);
        if (HeadersOnly) info.ArgumentList.Add("headers-only");
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException($"{PythonPath} did not start. {Missing}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run {PythonPath}: {e.Message}. {Missing}", e);
        }
        _process.ErrorDataReceived += (_, e) => { lock (_errors) _errors.AppendLine(e.Data); };
        _process.BeginErrorReadLine();

        var ready = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready is null or "MISSING aiosmtpd")
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException($"{(ready is null ? "smtp_server.py failed" : $"{PythonPath} has no aiosmtpd module")}. {Missing}\n{Errors}");
        }
        var ports = JsonDocument.Parse(ready).RootElement;
        PlainPort = ports.GetProperty("plain").GetInt32();
        StartTlsPort = ports.GetProperty("starttls").GetInt32();
        TlsPort = ports.GetProperty("tls").GetInt32();
    }

    /// <summary>The message with this Message-ID, once the server has it; fails after 10 s.</summary>
    public async Task<ReceivedMail> WaitForAsync(string messageId)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (Find(messageId) is { } mail) return mail;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No message {messageId} arrived within 10 s. Server log:\n{Errors}");
    }

    /// <summary>The message with this Message-ID, or null. The server writes a message before it answers 250.</summary>
    public ReceivedMail? Find(string messageId) => Received().FirstOrDefault(m => m.Header("Message-ID") == messageId);

    /// <summary>How many messages are in, without reading them: cheap enough to poll while thousands arrive.</summary>
    public int Count() => Directory.GetFiles(MailFolder, "*.json").Length;

    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.GetFiles(MailFolder, "*.json").Order().Select(ReceivedMail.Read).ToList();

    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    /// <summary>A free loopback port with nothing listening on it: a server that is down.</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Debian's python3, where python3-aiosmtpd installs (a pyenv or venv python3 earlier on PATH lacks it); WHUFFIE_PYTHON overrides.</summary>
    private static string PythonPath =>
        Environment.GetEnvironmentVariable("WHUFFIE_PYTHON") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
        : "python3";

    private async Task<(string Cert, string Key)> WriteCertificateAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=smtp.whuffie.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(7));
        CertificateThumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var certPath = Path.Combine(_folder, "cert.pem");
        var keyPath = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            // The server stops when its standard input closes; kill it if it does not.
            try { _process.StandardInput.Close(); } catch (IOException) { }
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same server reading only the headers of what it receives: for tests that count thousands of messages.</summary>
public sealed class HeadersOnlySmtpServer : SmtpServer
{
    protected override bool HeadersOnly => true;
}

/// <summary>A message as the server received it: the envelope, the session, the raw bytes, and Python's reading.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTos, int ClientPort, bool Tls, string? AuthenticatedAs, byte[] Raw, JsonElement Parsed)
{
    public static ReceivedMail Read(string jsonPath)
    {
        var json = JsonDocument.Parse(File.ReadAllBytes(jsonPath)).RootElement;
        return new ReceivedMail(
            json.GetProperty("mail_from").GetString()!,
            json.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList(),
            json.GetProperty("peer")[1].GetInt32(),
            json.GetProperty("tls").GetBoolean(),
            json.GetProperty("authenticated_as").GetString(),
            File.ReadAllBytes(Path.ChangeExtension(jsonPath, ".eml")),
            json.GetProperty("parsed"));
    }

    public string RawText => Encoding.ASCII.GetString(Raw);

    /// <summary>A header as Python decodes it (encoded-words decoded, unfolded), or null.</summary>
    public string? Header(string name) =>
        Parsed.GetProperty("headers").EnumerateArray()
            .Where(h => string.Equals(h[0].GetString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h[1].GetString())
            .FirstOrDefault();

    public string Subject => Parsed.GetProperty("subject").GetString()!;

    public (string? Name, string Address) From => Mailbox("from");
    public (string? Name, string Address) To => Mailbox("to");

    public string ContentType => Parsed.GetProperty("content_type").GetString()!;

    /// <summary>The leaf parts in order, their content decoded to text with LF line ends.</summary>
    public IReadOnlyList<(string ContentType, string? Charset, string? TransferEncoding, string Content)> Parts =>
        Parsed.GetProperty("parts").EnumerateArray().Select(p => (
            p.GetProperty("content_type").GetString()!,
            p.GetProperty("charset").GetString(),
            p.GetProperty("transfer_encoding").GetString(),
            p.GetProperty("content").GetString()!.ReplaceLineEndings("\n"))).ToList();

    /// <summary>What Python's email package found wrong with the message or any part: nothing, we hope.</summary>
    public IReadOnlyList<string> Defects =>
        Parsed.GetProperty("defects").EnumerateArray()
            .Concat(Parsed.GetProperty("parts").EnumerateArray().SelectMany(p => p.GetProperty("defects").EnumerateArray()))
            .Select(d => d.GetString()!).ToList();

    private (string? Name, string Address) Mailbox(string field)
    {
        var box = Parsed.GetProperty(field).EnumerateArray().Single();
        var name = box.GetProperty("name").GetString();
        return (string.IsNullOrEmpty(name) ? null : name, box.GetProperty("address").GetString()!);
    }
}
