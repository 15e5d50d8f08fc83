using Microsoft.Extensions.Time.Testing;
using Whuffie.Deliveries.Push;

namespace Whuffie.Tests.Notices.Push;

/// <summary>
/// <see cref="WebPushSender"/> against a push service emulator that checks the VAPID token and
/// decrypts the message: what a browser would show, short of a browser.
/// </summary>
public sealed class SendingPushes(PushServiceEmulator service) : IClassFixture<PushServiceEmulator>
{
    private const string Contact = "mailto:drift@soeborg-bibliotek.dk";

    // The emulator checks exp against the real clock, so the sender must use it too.
    private WebPushSender Sender(TimeProvider? time = null) => new(service.Http, time ?? TimeProvider.System);

    [Fact]
    public async Task A_push_signed_with_the_subscription_key_arrives_decrypted()
    {
        var vapid = Vapid.Generate();
        var (target, hash) = await service.SubscribeAsync(vapid.PublicKey);
        const string text = """{"title":"Søborg Bibliotek","body":"Din idé har fået et svar 🍉"}""";

        var result = await Sender().SendAsync(target, vapid, Contact, Encoding.UTF8.GetBytes(text), 3600, "answer-12", PushUrgency.High, CancellationToken.None);

        Assert.True(result.Delivered, $"{result}\n{service.Log}");
        Assert.Equal(201, result.HttpStatus);
        Assert.Equal([text], await service.NotificationsAsync(hash));
    }

    [Fact]
    public async Task A_push_signed_with_another_key_is_refused()
    {
        var (target, hash) = await service.SubscribeAsync(Vapid.Generate().PublicKey);

        var result = await Sender().SendAsync(target, Vapid.Generate(), Contact, "hej"u8.ToArray(), 60, null, CancellationToken.None);

        Assert.Equal(400, result.HttpStatus);
        Assert.True(result.Permanent, result.ToString());
        // The push service explains in its body; the record keeps only the status line, since the
        // server behind an endpoint anyone may post could be anyone's.
        Assert.Equal("400 Bad Request", result.Response);
        Assert.Empty(await service.NotificationsAsync(hash));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused_even_under_the_subscription_key()
    {
        var vapid = Vapid.Generate();
        var (target, hash) = await service.SubscribeAsync(vapid.PublicKey);
        var endpoint = new Uri(target.Endpoint);
        async Task<HttpStatusCode> PostSignedBy(Vapid signer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(PushEncryption.Encrypt(target.P256dh, target.Auth, "hej"u8)) };
            request.Content.Headers.ContentType = new("application/octet-stream");
            request.Content.Headers.ContentEncoding.Add("aes128gcm");
            request.Headers.Add("TTL", "60");
            var token = signer.Token(Vapid.Audience(endpoint), Contact, TimeProvider.System.GetUtcNow().AddHours(1));
            request.Headers.TryAddWithoutValidation("Authorization", $"vapid t={token}, k={vapid.PublicKey}");
            using var response = await service.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await PostSignedBy(vapid));
        Assert.Equal(HttpStatusCode.BadRequest, await PostSignedBy(Vapid.Generate()));
        Assert.Contains("invalid signature", await service.LogMentioningAsync("invalid signature"));
        Assert.Equal(["hej"], await service.NotificationsAsync(hash));
    }

    [Fact]
    public async Task A_push_with_an_expired_token_is_refused()
    {
        var vapid = Vapid.Generate();
        var (target, hash) = await service.SubscribeAsync(vapid.PublicKey);
        var yesterday = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddDays(-1));

        var result = await Sender(yesterday).SendAsync(target, vapid, Contact, "hej"u8.ToArray(), 60, null, CancellationToken.None);

        Assert.Equal(400, result.HttpStatus);
        Assert.True(result.Permanent, result.ToString());
        Assert.Contains("jwt expired", await service.LogMentioningAsync("jwt expired"));
        Assert.Empty(await service.NotificationsAsync(hash));
    }

    [Fact]
    public async Task A_push_to_an_expired_subscription_is_gone()
    {
        var vapid = Vapid.Generate();
        var (target, hash) = await service.SubscribeAsync(vapid.PublicKey);
        await service.ExpireAsync(hash);

        var result = await Sender().SendAsync(target, vapid, Contact, "hej"u8.ToArray(), 60, null, CancellationToken.None);

        Assert.Equal(410, result.HttpStatus);
        Assert.True(result.Gone, result.ToString());
        Assert.Equal("410 Gone", result.Response);
    }
}
