using System.Net;
using System.Net.Sockets;

namespace Whuffie.Limits;

/// <summary>
/// Whom an address-based limit counts: an IPv4 address as it is, an IPv6 address by its /64,
/// because one home or phone is handed a whole /64 and picks new addresses in it at will (RFC 8981).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
