using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Deliveries.Channels;
using Whuffie.Ideas;
using Whuffie.Web;

namespace Whuffie.Notices;

/// <summary>
/// Idea events for the organization's webhooks (Standard Webhooks: {type, timestamp, data}).
/// The caller adds them inside the transaction of the change itself, so the change and its
/// deliveries commit together or not at all; the body is written once, here, so every retry
/// sends the same bytes under the same webhook-id.
/// </summary>
public static class IdeaEvents
{
    public const string Created = "idea.created";
    public const string StatusChanged = "idea.status_changed";
    public const string Launched = "idea.launched";

    /// <summary>One delivery per webhook of the current organization, tracked for the caller's SaveChanges; how many.</summary>
    public static async Task<int> AddAsync(WhuffieDb db, string type, object data, DateTime now, CancellationToken ct)
    {
        var hooks = (await db.Webhooks.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.Id, h.Events }).ToListAsync(ct))
            .Where(h => Webhook.Wants(h.Events, type)).Select(h => h.Id).ToList();
        if (hooks.Count == 0) return 0;
        var payload = WebhookChannel.Envelope(type, new DateTimeOffset(now, TimeSpan.Zero), data);
        foreach (var hook in hooks)
        {
            var delivery = Delivery.Waiting(Channel.Webhook, DeliveryKind.IdeaEvent, now);
            (delivery.WebhookId, delivery.Payload) = (hook, payload);
            db.Deliveries.Add(delivery);
        }
        return hooks.Count;
    }

    /// <summary>
    /// What a receiver needs to act on an idea without calling back: only what the idea's public
    /// page shows (no author, no emails).
    /// </summary>
    public static Dictionary<string, object?> Data(string site, WhuffieDb db, Idea idea)
    {
        var org = db.Tenant.Current.Slug;
        return new()
        {
            ["organization"] = org,
            ["id"] = idea.Id,
            ["number"] = idea.Number,
            ["title"] = idea.Title,
            ["status"] = idea.Status.ToName(),
            ["url"] = $"{site}/{org}/ideas/{idea.Number}",
        };
    }

    /// <summary>The base of the absolute URLs in payloads, as configured (Site:Url), never the request's own host.</summary>
    public static string Site(HttpContext http) => http.RequestServices.GetRequiredService<IConfiguration>().SiteUrl();

    /// <summary>After the commit: this instance's webhook loop sends at once; other instances find the rows at their next poll.</summary>
    public static void Wake(HttpContext http) => http.RequestServices.GetRequiredService<DeliverySignal>().Wake([Channel.Webhook]);
}
