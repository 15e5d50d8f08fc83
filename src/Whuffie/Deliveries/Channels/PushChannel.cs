using System.Text.Json;
using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Deliveries.Push;
using Whuffie.Notices;
using Whuffie.Web;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// Web Push: each subscriber's browser gets the notice encrypted for it (RFC 8291, aes128gcm),
/// signed with the organization's VAPID key (RFC 8292). A subscription the push service reports
/// gone (404/410) is removed, and its delivery marked so.
/// </summary>
public sealed class PushChannel(WhuffieDb db, IHttpClientFactory http, Secrets secrets, IConfiguration config, TimeProvider clock, IOptions<DeliveryOptions> options)
    : IChannelSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Channel Channel => Channel.Push;
    public int BatchSize => 200;

    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct)
    {
        var site = config.SiteUrl();
        var vapid = new Dictionary<int, Vapid>();
        foreach (var org in batch.Select(w => w.Organization).DistinctBy(o => o.Id))
        {
            db.Tenant.Enter(org);
            vapid[org.Id] = await VapidKeys.GetAsync(db, secrets, ct);
        }
        var sender = new WebPushSender(http.CreateClient(Whuffie.Outbound.OutboundSetup.ClientName), clock);
        var outcomes = await HttpOutcomes.EachAsync(batch, 32, async (work, token) =>
        {
            var sub = work.Subscription!;
            var m = NoticeMessage.For(work, site);
            var payload = JsonSerializer.SerializeToUtf8Bytes(new
            {
                messageId = work.MessageId,
                title = m.Subject,
                body = work.Update!.Body,
                url = m.Url,
                severity = work.Notice!.Severity.ToString().ToLowerInvariant(),
                unsubscribe = m.UnsubscribeUrl,
            }, Json);
            var urgency = work.Notice.Severity switch { NoticeSeverity.Critical => PushUrgency.High, NoticeSeverity.Warning => PushUrgency.Normal, _ => PushUrgency.Low };
            var result = await sender.SendAsync(new PushTarget(sub.Address, sub.P256dh!, sub.Auth!), vapid[work.Organization.Id], options.Value.PushContact,
                payload, 24 * 3600, null, urgency, token);
            var kind = result.Gone ? DeliveryResult.Gone : result.Transient ? DeliveryResult.Retry : result.Permanent ? DeliveryResult.Failed : DeliveryResult.Sent;
            return new DeliveryOutcome(work.Delivery.Id, kind, kind == DeliveryResult.Sent ? null : result.Response);
        }, ct);
        foreach (var gone in outcomes.Where(o => o.Result == DeliveryResult.Gone))
            await SubscriptionsApi.RemoveAsync(db, batch.First(w => w.Delivery.Id == gone.Id).Subscription!.Id, CancellationToken.None);
        return outcomes;
    }
}
