using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Whuffie.Deliveries.Channels;

namespace Whuffie.Tests.Notices;

/// <summary>
/// The request <see cref="WebhookChannel"/> writes carries the signature of the Standard Webhooks
/// reference vector (the one every official library's tests check) for the vector's own id, time,
/// body and secret; and a receiver that verifies with the StandardWebhooks library accepts what we
/// send and refuses it once the body is changed.
/// </summary>
public sealed class SigningWebhooks
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private sealed class Recording : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public string Body { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            (Request, Body) = (request, await request.Content!.ReadAsStringAsync(ct));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }

    // Sending needs only the clock; the rest is for the delivery queue.
    private static WebhookChannel Channel(TimeProvider clock) => new(null!, null!, null!, clock);

    [Fact]
    public async Task The_reference_vector_comes_out_in_the_headers()
    {
        var handler = new Recording();
        // A moment inside the vector's second, to show the fraction is not signed.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp).AddMilliseconds(730));

        var (status, _) = await Channel(clock).PostAsync(new HttpClient(handler), "https://hooks.example/whuffie", Secret, Id, Body, CancellationToken.None);

        Assert.Equal(204, status);
        var headers = handler.Request!.Headers;
        Assert.Equal([Id], headers.GetValues("webhook-id"));
        Assert.Equal(["1614265330"], headers.GetValues("webhook-timestamp"));
        Assert.Equal([Signature], headers.GetValues("webhook-signature"));
        Assert.Equal(Body, handler.Body);
    }

    [Fact]
    public async Task A_receiver_using_the_library_verifies_what_we_send()
    {
        var handler = new Recording();
        var secret = WebhookChannel.NewSecret();
        // The library checks the timestamp against the real clock (five minutes either way), so send now.
        await Channel(TimeProvider.System).PostAsync(new HttpClient(handler), "https://hooks.example/whuffie", secret, "msg_1", """{"type":"test"}""", CancellationToken.None);
        var headers = new HeaderDictionary(handler.Request!.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues([.. h.Value])));
        var receiver = new StandardWebhook(secret);

        receiver.Verify(handler.Body, headers);
        Assert.Throws<WebhookVerificationException>(() => receiver.Verify("""{"type":"forged"}""", headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookChannel.NewSecret()).Verify(handler.Body, headers));
    }
}
