using System.Net;

namespace Whuffie.Observability;

/// <summary>The networks that may scrape metrics (Observability:Prometheus:AllowedNetworks); loopback only unless the operator says more.</summary>
public sealed class ScrapeAllowList(IReadOnlyList<IPNetwork> networks)
{
    public static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    // Set by reverse proxies. A proxy on the same host makes every visitor look like loopback,
    // so a request that came through one is never taken for a local scraper.
    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP"];

    public IReadOnlyList<IPNetwork> Networks { get; } = networks;

    public static ScrapeAllowList From(IConfigurationSection section)
    {
        // A list (AllowedNetworks:0, :1 …) or one comma-separated value, as an environment variable gives it.
        // (A list leaves the section's own value empty rather than null, so ask for children first.)
        var children = section.GetChildren().Select(c => c.Value ?? "").ToList();
        IEnumerable<string> given = children.Count > 0 ? children : (section.Value ?? "").Split(',');
        var cidrs = given.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (cidrs.Count == 0) cidrs = [.. Loopback];
        return new(cidrs.Select(c => IPNetwork.TryParse(c, out var n) ? n
            : throw new InvalidOperationException($"{section.Path}: '{c}' is not a network such as 10.0.0.0/8 or fd00::/8.")).ToList());
    }

    public bool Allows(HttpContext http) =>
        !ProxyHeaders.Any(http.Request.Headers.ContainsKey) && Allows(http.Connection.RemoteIpAddress);

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return Networks.Any(n => n.Contains(address));
    }
}
