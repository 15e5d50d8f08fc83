using Microsoft.Extensions.Time.Testing;
using Whuffie.Deliveries.Push;

namespace Whuffie.Tests.Notices.Push;

/// <summary>
/// <see cref="WebPushSender"/> against a scripted HTTP handler: the request it writes, and how
/// each kind of answer, or no answer, is classified.
/// </summary>
public sealed class PushOutcomes
{
    private const string Contact = "https://soeborg-bibliotek.dk/kontakt";
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    private sealed class Scripted(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public byte[] Body { get; private set; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Request = request;
            Body = await request.Content!.ReadAsByteArrayAsync(ct);
            return await answer(request, ct);
        }
    }

    private static Scripted Answer(HttpStatusCode status, string body = "") =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) }));

    private static Task<PushResult> Send(HttpMessageHandler handler, PushTarget target, CancellationToken ct = default, string? topic = null, PushUrgency? urgency = null, byte[]? payload = null) =>
        new WebPushSender(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) }, new FakeTimeProvider(Monday))
            .SendAsync(target, Vapid.Generate(), Contact, payload ?? "hej"u8.ToArray(), 300, topic, urgency, ct);

    private static (PushTarget Target, System.Security.Cryptography.ECDiffieHellman Browser, string Auth) Browser()
    {
        var (keys, p256dh, auth) = PushDecryption.NewBrowser();
        return (new PushTarget("https://push.example/send/abc", p256dh, auth), keys, auth);
    }

    [Fact]
    public async Task The_request_carries_the_RFC_8030_headers_and_an_encrypted_body()
    {
        var (target, browser, auth) = Browser();
        using var _ = browser;
        var handler = Answer(HttpStatusCode.Created);

        var result = await Send(handler, target, topic: "answer-12", urgency: PushUrgency.VeryLow);

        Assert.True(result.Delivered, result.ToString());
        var request = handler.Request!;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(["aes128gcm"], request.Content!.Headers.ContentEncoding);
        Assert.Equal("application/octet-stream", request.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["300"], request.Headers.GetValues("TTL"));
        Assert.Equal(["very-low"], request.Headers.GetValues("Urgency"));
        Assert.Equal(["answer-12"], request.Headers.GetValues("Topic"));
        Assert.StartsWith("vapid t=", request.Headers.GetValues("Authorization").Single());
        Assert.Equal("hej", Encoding.UTF8.GetString(PushDecryption.Decrypt(handler.Body, browser, auth)));
    }

    [Fact]
    public async Task Urgency_and_topic_are_left_out_unless_given()
    {
        var (target, browser, _) = Browser();
        using var _ = browser;
        var handler = Answer(HttpStatusCode.Created);

        await Send(handler, target);

        Assert.False(handler.Request!.Headers.Contains("Urgency"));
        Assert.False(handler.Request.Headers.Contains("Topic"));
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, "delivered")]
    [InlineData(HttpStatusCode.NotFound, "gone")]
    [InlineData(HttpStatusCode.Gone, "gone")]
    [InlineData(HttpStatusCode.TooManyRequests, "transient")]
    [InlineData(HttpStatusCode.InternalServerError, "transient")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "transient")]
    [InlineData(HttpStatusCode.BadRequest, "permanent")]
    [InlineData(HttpStatusCode.Unauthorized, "permanent")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "permanent")]
    public async Task Each_status_is_classified(HttpStatusCode status, string expected)
    {
        var (target, browser, _) = Browser();
        using var _ = browser;

        var result = await Send(Answer(status, new string('x', 2000)), target);

        Assert.Equal((int)status, result.HttpStatus);
        Assert.Equal(expected, result switch
        {
            { Delivered: true } => "delivered",
            { Gone: true } => "gone",
            { Transient: true } => "transient",
            _ => "permanent",
        });
        Assert.Single(new[] { result.Delivered, result.Gone, result.Transient, result.Permanent }, b => b);
        // The status line only: the body (here 2000 x's) is nothing to keep from anyone's server.
        Assert.Equal($"{(int)status} {new HttpResponseMessage(status).ReasonPhrase}", result.Response);
    }

    [Fact]
    public async Task A_network_error_is_transient()
    {
        var (target, browser, _) = Browser();
        using var _ = browser;

        var result = await Send(new Scripted((_, _) => throw new HttpRequestException("Connection refused")), target);

        Assert.Null(result.HttpStatus);
        Assert.True(result.Transient, result.ToString());
        Assert.Contains("Connection refused", result.Response);
    }

    [Fact]
    public async Task A_timeout_is_transient_but_cancelling_throws()
    {
        var (target, browser, _) = Browser();
        using var _ = browser;
        var hang = new Scripted(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.Created);
        });

        var timedOut = await new WebPushSender(new HttpClient(hang) { Timeout = TimeSpan.FromMilliseconds(100) }, TimeProvider.System)
            .SendAsync(target, Vapid.Generate(), Contact, "hej"u8.ToArray(), 60, null, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.True(timedOut.Transient, timedOut.ToString());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(hang, target, cancel.Token));
    }

    [Theory]
    [InlineData("ftp://push.example/x")]
    [InlineData("not a url")]
    public async Task An_endpoint_that_is_not_http_is_permanent(string endpoint)
    {
        var (target, browser, _) = Browser();
        using var _ = browser;
        var handler = Answer(HttpStatusCode.Created);

        var result = await Send(handler, target with { Endpoint = endpoint });

        Assert.True(result.Permanent, result.ToString());
        Assert.Null(handler.Request);
    }

    [Fact]
    public async Task Unusable_subscription_keys_are_permanent()
    {
        var (target, browser, _) = Browser();
        using var _ = browser;

        var result = await Send(Answer(HttpStatusCode.Created), target with { P256dh = "BAAA" });

        Assert.True(result.Permanent, result.ToString());
    }

    [Fact]
    public async Task A_payload_too_large_for_one_push_is_permanent_and_not_sent()
    {
        var (target, browser, _) = Browser();
        using var _ = browser;
        var handler = Answer(HttpStatusCode.Created);

        var result = await Send(handler, target, payload: new byte[PushEncryption.MaxPlaintextLength + 1]);

        Assert.True(result.Permanent, result.ToString());
        Assert.Contains("3994 bytes", result.Response);
        Assert.Null(handler.Request);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a-topic-that-is-longer-than-32-chars")]
    [InlineData("")]
    public async Task A_topic_outside_RFC_8030_is_a_bug_in_the_caller(string topic)
    {
        var (target, browser, _) = Browser();
        using var _ = browser;

        await Assert.ThrowsAsync<ArgumentException>(() => Send(Answer(HttpStatusCode.Created), target, topic: topic));
    }
}
