using System.Net;
using System.Net.Sockets;

namespace Whuffie.Outbound;

/// <summary>Why an address is not one an outbound call may reach.</summary>
public enum Refusal
{
    Loopback,
    Private,
    LinkLocal,
    Metadata,
    SharedNetwork,
    Multicast,
    Reserved,
}

/// <summary>
/// The address ranges outside the public internet (RFC 6890's special-purpose registries for IPv4
/// and IPv6), each with the plain reason staff are told. An IPv4 address inside IPv6 (mapped,
/// ::ffff:0:0/96, or NAT64's 64:ff9b::/96) is judged as the IPv4 address it carries, so
/// ::ffff:169.254.169.254 is the metadata service it is.
/// </summary>
public static class Addresses
{
    // Cloud metadata services, named so staff see what the address was aimed at: AWS, GCP and
    // Azure (169.254.169.254), AWS over IPv6 (fd00:ec2::254), Alibaba (100.100.100.200), and
    // Oracle's (192.0.0.192). Each also lies inside a wider refused range below.
    private static readonly IPAddress[] MetadataServices =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192")];

    private static readonly (IPNetwork Network, Refusal Why)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), Refusal.Reserved), // "this network"
        (IPNetwork.Parse("10.0.0.0/8"), Refusal.Private),
        (IPNetwork.Parse("100.64.0.0/10"), Refusal.SharedNetwork), // carrier-grade NAT, RFC 6598
        (IPNetwork.Parse("127.0.0.0/8"), Refusal.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), Refusal.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), Refusal.Private),
        (IPNetwork.Parse("192.0.0.0/24"), Refusal.Reserved), // IETF protocol assignments
        (IPNetwork.Parse("192.0.2.0/24"), Refusal.Reserved), // documentation
        (IPNetwork.Parse("192.88.99.0/24"), Refusal.Reserved), // 6to4 relay anycast
        (IPNetwork.Parse("192.168.0.0/16"), Refusal.Private),
        (IPNetwork.Parse("198.18.0.0/15"), Refusal.Reserved), // benchmarking
        (IPNetwork.Parse("198.51.100.0/24"), Refusal.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), Refusal.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), Refusal.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), Refusal.Reserved), // and the broadcast address
        (IPNetwork.Parse("::/128"), Refusal.Reserved),
        (IPNetwork.Parse("::1/128"), Refusal.Loopback),
        (IPNetwork.Parse("64:ff9b:1::/48"), Refusal.Private), // local-use NAT64
        (IPNetwork.Parse("100::/64"), Refusal.Reserved), // discard
        (IPNetwork.Parse("2001::/23"), Refusal.Reserved), // IETF protocol assignments, Teredo among them
        (IPNetwork.Parse("2001:db8::/32"), Refusal.Reserved),
        (IPNetwork.Parse("2002::/16"), Refusal.Reserved), // 6to4: carries an IPv4 address we would have to judge too
        (IPNetwork.Parse("3fff::/20"), Refusal.Reserved),
        (IPNetwork.Parse("fc00::/7"), Refusal.Private), // unique local
        (IPNetwork.Parse("fe80::/10"), Refusal.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), Refusal.Private), // the old site-local
        (IPNetwork.Parse("ff00::/8"), Refusal.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>Why the address is off limits, or null for an address on the public internet.</summary>
    public static Refusal? Judge(IPAddress address)
    {
        address = Unwrap(address);
        if (MetadataServices.Contains(address)) return Refusal.Metadata;
        foreach (var (network, why) in Ranges)
            if (network.Contains(address)) return why;
        return null;
    }

    /// <summary>The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address; any other address as it is.</summary>
    public static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (Nat64.Contains(address)) return new IPAddress(address.GetAddressBytes()[12..]);
        return address;
    }
}
