using Microsoft.Extensions.Time.Testing;
using Whuffie.Notices.Push;

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
        Assert.Contains("Invalid Crypto-Key header", result.Response);
        Assert.Empty(await service.NotificationsAsync(hash));
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
        Assert.Contains("jwt expired", service.Log);
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
        Assert.StartsWith("410 Gone: ", result.Response);
    }
}
