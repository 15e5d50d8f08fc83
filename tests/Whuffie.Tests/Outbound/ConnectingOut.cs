using Microsoft.Extensions.DependencyInjection;
using Whuffie.Deliveries.Channels;
using Whuffie.Outbound;

namespace Whuffie.Tests.Outbound;

/// <summary>
/// The outbound client itself, as every channel uses it: the resolved address judged where the
/// socket connects, no redirects, replies read up to a bound, one timeout.
/// </summary>
public sealed class ConnectingOut(GuardedApp guarded) : IClassFixture<GuardedApp>
{
    [Theory]
    [InlineData("127.0.0.1", Refusal.Loopback)]
    [InlineData("::1", Refusal.Loopback)]
    [InlineData("10.1.2.3", Refusal.Private)]
    [InlineData("172.20.0.9", Refusal.Private)]
    [InlineData("192.168.0.10", Refusal.Private)]
    [InlineData("fd12::7", Refusal.Private)]
    [InlineData("169.254.169.254", Refusal.Metadata)]
    [InlineData("fd00:ec2::254", Refusal.Metadata)]
    [InlineData("169.254.3.4", Refusal.LinkLocal)]
    [InlineData("fe80::1", Refusal.LinkLocal)]
    [InlineData("100.64.1.1", Refusal.SharedNetwork)]
    [InlineData("239.1.2.3", Refusal.Multicast)]
    [InlineData("0.0.0.0", Refusal.Reserved)]
    [InlineData("::ffff:127.0.0.1", Refusal.Loopback)]
    [InlineData("::ffff:169.254.169.254", Refusal.Metadata)]
    [InlineData("64:ff9b::a01:203", Refusal.Private)]
    public async Task A_name_resolving_to_a_forbidden_range_is_refused_before_any_connection(string address, Refusal expected)
    {
        await using var listening = new LoopbackServer(IPAddress.Loopback, LoopbackServer.Reply("200 OK", "inside"));
        var name = WhuffieFactory.Unique("target") + ".test";
        guarded.Names[name] = () => [IPAddress.Parse(address)];

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.Outbound().GetAsync($"http://{name}:{listening.Port}/"));

        var refused = OutboundRefusedException.In(e);
        Assert.NotNull(refused);
        Assert.Equal(expected, refused.Why);
        Assert.Equal(0, listening.Connections);
    }

    [Fact]
    public async Task A_name_with_one_public_and_one_private_answer_connects_only_to_the_allowed_one()
    {
        await using var allowed = new LoopbackServer(GuardedApp.Receivers, LoopbackServer.Reply("204 No Content"));
        await using var loopback = new LoopbackServer(IPAddress.Loopback, LoopbackServer.Reply("200 OK"), allowed.Port);
        var name = WhuffieFactory.Unique("mixed") + ".test";
        guarded.Names[name] = () => [IPAddress.Loopback, GuardedApp.Receivers];

        using var response = await guarded.Outbound().GetAsync($"http://{name}:{allowed.Port}/");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, loopback.Connections);
    }

    [Fact]
    public async Task A_DNS_answer_that_changes_after_a_good_one_is_judged_again_at_the_next_connect()
    {
        await using var allowed = new LoopbackServer(GuardedApp.Receivers, LoopbackServer.Reply("200 OK", "fine"));
        await using var inside = new LoopbackServer(IPAddress.Loopback, LoopbackServer.Reply("200 OK", "secret"), allowed.Port);
        var name = WhuffieFactory.Unique("rebind") + ".test";
        var answers = 0;
        // The first answer passes; then the name is pointed inside, as a rebinding attacker does.
        guarded.Names[name] = () => Interlocked.Increment(ref answers) == 1 ? [GuardedApp.Receivers] : [IPAddress.Loopback];
        var client = guarded.Outbound();

        using (var first = await client.GetAsync($"http://{name}:{allowed.Port}/")) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{name}:{allowed.Port}/"));

        Assert.Equal(Refusal.Loopback, OutboundRefusedException.In(e)?.Why);
        Assert.Equal(2, answers);
        Assert.Equal(0, inside.Connections);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/", Refusal.Metadata)]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", Refusal.Metadata)]
    [InlineData("http://[::ffff:a00:1]/", Refusal.Private)]
    [InlineData("http://127.0.0.1:1/", Refusal.Loopback)]
    public async Task A_literal_address_is_judged_without_asking_the_DNS(string url, Refusal expected)
    {
        var before = guarded.Asked.Count;

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.Outbound().GetAsync(url));

        Assert.Equal(expected, OutboundRefusedException.In(e)?.Why);
        Assert.Equal(before, guarded.Asked.Count);
    }

    [Fact]
    public async Task A_redirect_to_the_metadata_service_is_not_followed()
    {
        await using var redirecting = new LoopbackServer(GuardedApp.Receivers,
            LoopbackServer.Reply("307 Temporary Redirect", "", "Location: http://169.254.169.254/latest/meta-data/"));

        using var response = await guarded.Outbound().PostAsync($"http://127.0.0.2:{redirecting.Port}/hook", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(1, redirecting.Connections);
        Assert.Contains("not followed", OutboundAnswers.Status(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_without_end_is_read_only_up_to_the_bound()
    {
        await using var server = new LoopbackServer(GuardedApp.Receivers, LoopbackServer.Endless());
        var bound = guarded.Host.Services.GetRequiredService<OutboundPolicy>().Options.MaxReplyBytes;

        // The Mastodon channel reads its answer (for the new status's id): it stops at the bound.
        var (status, reason, statusId) = await MastodonChannel.PostStatusAsync(guarded.Outbound(), $"http://127.0.0.2:{server.Port}", "token", "hej", null, "key-1", CancellationToken.None);
        Assert.Equal((200, "OK", null), (status, reason, statusId));

        // Whoever reads a whole reply into memory is stopped at the same bound, not at the end of memory.
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.Outbound().GetStringAsync($"http://127.0.0.2:{server.Port}/"));
        Assert.Contains(bound.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_on_after_the_timeout()
    {
        await using var silent = new LoopbackServer(GuardedApp.Receivers, (_, ct) => Task.Delay(Timeout.Infinite, ct));

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => guarded.Outbound().GetAsync($"http://127.0.0.2:{silent.Port}/"));

        Assert.Equal("no answer in time", HttpOutcomes.FromException(1, e).Response);
    }

    [Fact]
    public void A_refused_delivery_is_recorded_in_plain_words()
    {
        var refused = new HttpRequestException("wrapped", new OutboundRefusedException("sms.example.test", IPAddress.Parse("10.0.0.7"), Refusal.Private));

        var outcome = HttpOutcomes.FromException(7, refused);

        Assert.Equal("The call was not made: sms.example.test (10.0.0.7) is on a private network.", outcome.Response);
    }
}
