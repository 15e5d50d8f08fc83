using Whuffie.Deliveries;
using Whuffie.Tests.Notices.Push;

namespace Whuffie.Tests.Notices;

/// <summary>
/// A notice through the Web Push channel end to end: a browser's subscription made at the push
/// service emulator (web-push-testing) with the organization's VAPID key, registered through our
/// API, the notice encrypted for it and decrypted by the emulator; a subscription the service
/// calls gone is removed.
/// </summary>
public sealed class PushingNotices(WhuffieFactory app, PushServiceEmulator service) : IClassFixture<WhuffieFactory>, IClassFixture<PushServiceEmulator>
{
    [Fact]
    public async Task A_notice_arrives_decrypted_at_the_push_service_and_a_gone_subscription_is_removed()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var anonymous = app.CreateClient();
        var key = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notice-channels/push-key")).GetProperty("publicKey").GetString()!;
        Assert.Equal(key, (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notice-channels/push-key")).GetProperty("publicKey").GetString());
        var (kept, keptHash) = await service.SubscribeAsync(key);
        var (lost, lostHash) = await service.SubscribeAsync(key);
        foreach (var target in new[] { kept, lost })
        {
            var subscribed = await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions",
                new { channel = "push", address = target.Endpoint, keys = new { p256dh = target.P256dh, auth = target.Auth }, language = "da" });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }
        await service.ExpireAsync(lostHash);

        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        await app.RunChannelAsync(Channel.Push);

        var got = Assert.Single(await service.NotificationsAsync(keptHash));
        var payload = JsonDocument.Parse(got).RootElement;
        Assert.Contains("Strømafbrydelse i Søborg", payload.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        var deliveries = await app.DeliveriesAsync(org, Channel.Push);
        Assert.Contains(payload.GetProperty("messageId").GetString(), deliveries.Select(d => d.MessageId));
        var report = await lars.ReportAsync(org, id);
        Assert.Equal(1, report.Counts("push").GetProperty("sent").GetInt32());
        Assert.Equal(1, report.Counts("push").GetProperty("gone").GetInt32());
        Assert.Equal(1, await app.InOrgAsync(org, db => Task.FromResult(db.NoticeSubscriptions.Count(s => s.Channel == Channel.Push))));

        // Bad keys are refused by field, before anything is saved.
        var bad = await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions",
            new { channel = "push", address = "http://push.example.com/x", keys = new { p256dh = "short", auth = "" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("address", out _));
        Assert.True(errors.TryGetProperty("keys", out _));
    }
}
