using System.Net;

namespace Whuffie.Outbound;

/// <summary>
/// The "Outbound" settings: how calls to addresses someone else typed (webhooks, SMS gateways,
/// Mastodon servers, WebSub hubs, push services) may go out.
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>
    /// Networks (CIDR, e.g. 10.20.0.0/16) that may be reached although they are private: an SMS
    /// gateway inside the municipality's own network, or the tests' receivers on loopback. None by default.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Host names that may be reached whatever they resolve to (e.g. sms.intern.kommune.dk). None by default.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The longest one call may take, connecting and answering together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most of a reply that is read; the rest is left unread.</summary>
    public int MaxReplyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// An HTTP proxy every call goes through (e.g. http://smokescreen:4750). The guard then sees
    /// only the proxy, so the proxy must refuse private addresses itself.
    /// </summary>
    public string? Proxy { get; set; }

    /// <summary>How names become addresses. The DNS; a seam for the tests, which answer with the ranges they check.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; set; } = Dns.GetHostAddressesAsync;
}
