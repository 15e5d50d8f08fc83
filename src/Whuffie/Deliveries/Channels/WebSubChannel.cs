using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Notices;
using Whuffie.Outbound;
using Whuffie.Web;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// Tells the organization's WebSub hub that its notice feeds changed (W3C WebSub §7: a publish
/// ping with hub.mode=publish and hub.url), so feed readers that subscribed there hear at once
/// instead of at their next poll. One ping per feed: the organization's and each topic's.
/// </summary>
public sealed class WebSubChannel(WhuffieDb db, IHttpClientFactory http, IConfiguration config) : IChannelSender
{
    public Channel Channel => Channel.WebSub;
    public int BatchSize => 10;

    public Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct)
    {
        var site = config.SiteUrl();
        var client = http.CreateClient(OutboundSetup.ClientName);
        return HttpOutcomes.EachAsync(batch, 2, async (work, token) =>
        {
            var hub = await db.ChannelSettings.IgnoreQueryFilters().Where(s => s.OrganizationId == work.Organization.Id).Select(s => s.WebSubHub).FirstOrDefaultAsync(token);
            if (string.IsNullOrEmpty(hub)) return new DeliveryOutcome(work.Delivery.Id, DeliveryResult.Sent, "no hub configured");
            var topics = await db.NoticeTopicLinks.IgnoreQueryFilters().Where(l => l.NoticeId == work.Notice!.Id)
                .Join(db.NoticeTopics.IgnoreQueryFilters(), l => l.TopicId, t => t.Id, (l, t) => t.Slug).ToListAsync(token);
            var feeds = new[] { NoticeFeed.Url(site, work.Organization.Slug, null) }.Concat(topics.Select(t => NoticeFeed.Url(site, work.Organization.Slug, t)));
            DeliveryOutcome? last = null;
            foreach (var feed in feeds)
            {
                var (status, body) = await PingAsync(client, hub, feed, token);
                last = HttpOutcomes.FromStatus(work.Delivery.Id, status, body);
                if (last.Result != DeliveryResult.Sent) return last;
            }
            return last!;
        }, ct);
    }

    /// <summary>One publish ping for one feed; the hub's status code and status line.</summary>
    public static async Task<(int Status, string Reason)> PingAsync(HttpClient client, string hub, string feed, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hub) { Content = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feed)]) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return ((int)response.StatusCode, response.ReasonPhrase ?? "");
    }
}
