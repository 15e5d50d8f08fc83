using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Whuffie.Outbound;

/// <summary>
/// Which addresses an outbound call may reach, judged where the connection is made: the name is
/// resolved once, each answer judged, and the socket connects only to an answer that passed. A DNS
/// answer that changes between a check and the connect (rebinding) has nothing to slip through,
/// since there is no earlier check to pass.
/// </summary>
public sealed class OutboundPolicy
{
    private readonly OutboundOptions _options;
    private readonly IPNetwork[] _networks;
    private readonly HashSet<string> _hosts;
    private readonly string? _proxyHost;

    public OutboundPolicy(IOptions<OutboundOptions> options)
    {
        _options = options.Value;
        _networks = [.. _options.AllowedNetworks.Select(ParseNetwork)];
        _hosts = new(_options.AllowedHosts.Select(h => h.Trim().TrimEnd('.')), StringComparer.OrdinalIgnoreCase);
        _proxyHost = _options.Proxy is { Length: > 0 } p ? ParseProxy(p).Host : null;
    }

    public OutboundOptions Options => _options;

    /// <summary>Why a call to this host at this address is refused, or null when it may go.</summary>
    public Refusal? Judge(string host, IPAddress address)
    {
        if (IsAllowedHost(host)) return null;
        var plain = Addresses.Unwrap(address);
        if (_networks.Any(n => n.Contains(plain) || n.Contains(address))) return null;
        return Addresses.Judge(address);
    }

    /// <summary>Whether the operator named this host, or the network of this literal address, as allowed.</summary>
    public bool IsAllowedHost(string host)
    {
        host = host.Trim('[', ']').TrimEnd('.');
        if (_hosts.Contains(host)) return true;
        return IPAddress.TryParse(host, out var literal) && _networks.Any(n => n.Contains(Addresses.Unwrap(literal)) || n.Contains(literal));
    }

    /// <summary>
    /// A first look when an address is saved, so staff hear at once about http://10.0.0.5/ or
    /// http://localhost/: literal addresses and the names RFC 6761 keeps for loopback. Names are
    /// judged again, for real, at every connect.
    /// </summary>
    public Refusal? JudgeUrl(Uri url)
    {
        var host = url.IdnHost.Trim('[', ']').TrimEnd('.');
        if (IsAllowedHost(host)) return null;
        if (IPAddress.TryParse(host, out var literal)) return Judge(host, literal);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return Refusal.Loopback;
        return null;
    }

    /// <summary>SocketsHttpHandler's connect step: resolve, judge every answer, connect to the first that passes.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        // The operator's own proxy is reached as configured; it judges the addresses behind it.
        var proxied = _proxyHost is not null && host.Equals(_proxyHost, StringComparison.OrdinalIgnoreCase);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await _options.Resolve(host, ct);
        var allowed = proxied ? addresses : [.. addresses.Where(a => Judge(host, a) is null)];
        if (allowed.Length == 0)
        {
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            throw new OutboundRefusedException(host, addresses[0], Judge(host, addresses[0])!.Value);
        }
        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    internal static IPNetwork ParseNetwork(string given)
    {
        var text = given.Trim();
        // 10.0.0.5/16 is refused rather than read as 10.0.0.0/16: the operator may have meant either.
        if (IPNetwork.TryParse(text, out var network) && IPAddress.TryParse(text.Split('/')[0], out var start) && start.Equals(network.BaseAddress)) return network;
        if (!text.Contains('/') && IPAddress.TryParse(text, out var one)) return new IPNetwork(one, one.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        throw new InvalidOperationException($"Outbound:AllowedNetworks '{given}' is not a network such as 10.20.0.0/16 or an address such as 10.20.0.5.");
    }

    internal static Uri ParseProxy(string given) =>
        Uri.TryCreate(given, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new InvalidOperationException($"Outbound:Proxy '{given}' is not an http(s) URL such as http://proxy:3128.");
}
