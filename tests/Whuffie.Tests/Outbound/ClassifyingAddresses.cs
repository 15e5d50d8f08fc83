using Microsoft.Extensions.Options;
using Whuffie.Outbound;

namespace Whuffie.Tests.Outbound;

/// <summary>
/// Which addresses are off the public internet (RFC 6890's special-purpose registries), judged
/// with IPv4 inside IPv6 unwrapped, and what the operator's allow list opens.
/// </summary>
public sealed class ClassifyingAddresses
{
    [Theory]
    [InlineData("127.0.0.1", Refusal.Loopback)]
    [InlineData("127.255.0.9", Refusal.Loopback)]
    [InlineData("::1", Refusal.Loopback)]
    [InlineData("10.0.0.1", Refusal.Private)]
    [InlineData("172.16.0.1", Refusal.Private)]
    [InlineData("172.31.255.254", Refusal.Private)]
    [InlineData("192.168.1.1", Refusal.Private)]
    [InlineData("fd12:3456::1", Refusal.Private)]
    [InlineData("fec0::1", Refusal.Private)]
    [InlineData("169.254.169.254", Refusal.Metadata)]
    [InlineData("fd00:ec2::254", Refusal.Metadata)]
    [InlineData("100.100.100.200", Refusal.Metadata)]
    [InlineData("169.254.1.1", Refusal.LinkLocal)]
    [InlineData("fe80::1", Refusal.LinkLocal)]
    [InlineData("100.64.0.1", Refusal.SharedNetwork)]
    [InlineData("100.127.255.254", Refusal.SharedNetwork)]
    [InlineData("224.0.0.1", Refusal.Multicast)]
    [InlineData("ff02::1", Refusal.Multicast)]
    [InlineData("0.0.0.0", Refusal.Reserved)]
    [InlineData("::", Refusal.Reserved)]
    [InlineData("255.255.255.255", Refusal.Reserved)]
    [InlineData("192.0.2.10", Refusal.Reserved)]
    [InlineData("198.18.0.1", Refusal.Reserved)]
    [InlineData("2001:db8::1", Refusal.Reserved)]
    [InlineData("2001:0:4136:e378::1", Refusal.Reserved)] // Teredo
    [InlineData("2002:a00:1::1", Refusal.Reserved)] // 6to4 of 10.0.0.1
    // IPv4 inside IPv6 is the IPv4 address it carries.
    [InlineData("::ffff:127.0.0.1", Refusal.Loopback)]
    [InlineData("::ffff:10.1.2.3", Refusal.Private)]
    [InlineData("::ffff:169.254.169.254", Refusal.Metadata)]
    [InlineData("64:ff9b::a9fe:a9fe", Refusal.Metadata)] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::c0a8:101", Refusal.Private)] // NAT64 of 192.168.1.1
    public void Addresses_off_the_public_internet_are_refused_with_their_reason(string address, Refusal expected) =>
        Assert.Equal(expected, Addresses.Judge(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")] // just past 172.16.0.0/12
    [InlineData("100.128.0.1")] // just past 100.64.0.0/10
    [InlineData("2a00:1450:4001:81a::200e")]
    [InlineData("::ffff:1.1.1.1")]
    [InlineData("64:ff9b::101:101")] // NAT64 of 1.1.1.1
    public void Public_addresses_pass(string address) => Assert.Null(Addresses.Judge(IPAddress.Parse(address)));

    [Fact]
    public void The_operator_allows_networks_and_hosts_and_nothing_else()
    {
        var policy = Policy(new OutboundOptions { AllowedNetworks = ["10.20.0.0/16", "192.168.5.7"], AllowedHosts = ["sms.intern.kommune.test"] });

        Assert.Null(policy.Judge("gw", IPAddress.Parse("10.20.3.4")));
        Assert.Null(policy.Judge("gw", IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.Null(policy.Judge("gw", IPAddress.Parse("192.168.5.7")));
        Assert.Equal(Refusal.Private, policy.Judge("gw", IPAddress.Parse("192.168.5.8")));
        Assert.Equal(Refusal.Private, policy.Judge("gw", IPAddress.Parse("10.21.0.1")));
        Assert.Equal(Refusal.Metadata, policy.Judge("gw", IPAddress.Parse("169.254.169.254")));
        // A named host may be anywhere the operator put it.
        Assert.Null(policy.Judge("SMS.intern.kommune.test", IPAddress.Parse("10.99.0.1")));
        Assert.Equal(Refusal.Private, policy.Judge("other.kommune.test", IPAddress.Parse("10.99.0.1")));
    }

    [Fact]
    public void By_default_nothing_private_is_allowed() =>
        Assert.Equal(Refusal.Loopback, Policy(new OutboundOptions()).Judge("localhost", IPAddress.Loopback));

    [Theory]
    [InlineData("http://10.0.0.5/sms", Refusal.Private)]
    [InlineData("https://169.254.169.254/latest/meta-data/", Refusal.Metadata)]
    [InlineData("http://[::ffff:a9fe:a9fe]/", Refusal.Metadata)]
    [InlineData("http://[fd00::1]:8080/hook", Refusal.Private)]
    [InlineData("http://localhost:8080/", Refusal.Loopback)]
    [InlineData("http://admin.localhost/", Refusal.Loopback)]
    [InlineData("http://127.1/", Refusal.Loopback)] // the short form .NET reads as 127.0.0.1
    [InlineData("http://2130706433/", Refusal.Loopback)] // 127.0.0.1 as one decimal number
    [InlineData("http://0x7f.0.0.1/", Refusal.Loopback)]
    public void A_saved_address_that_is_plainly_private_is_refused_at_once(string url, Refusal expected) =>
        Assert.Equal(expected, Policy(new OutboundOptions()).JudgeUrl(new Uri(url)));

    [Fact]
    public void A_saved_name_waits_for_the_connect_to_be_judged() =>
        Assert.Null(Policy(new OutboundOptions()).JudgeUrl(new Uri("https://hooks.example.test/x")));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.5/16")]
    [InlineData("intranet")]
    public void A_mistyped_allowed_network_stops_the_start_with_a_message(string given)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Policy(new OutboundOptions { AllowedNetworks = [given] }));
        Assert.Contains($"Outbound:AllowedNetworks '{given}'", e.Message, StringComparison.Ordinal);
    }

    private static OutboundPolicy Policy(OutboundOptions options) => new(Options.Create(options));
}
