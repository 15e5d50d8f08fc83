using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardWebhooks;
using Whuffie.Notices;
using Whuffie.Outbound;
using Whuffie.Web;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// Outbound webhooks after the Standard Webhooks convention (standardwebhooks.com): the body is
/// {type, timestamp, data}; webhook-id is the delivery's message id (the same on every retry, for
/// dropping repeats), webhook-timestamp the send time in Unix seconds, and webhook-signature
/// "v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;" with the receiver's own secret, signed by the
/// StandardWebhooks package (decision 006).
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory http, Secrets secrets, IConfiguration config, TimeProvider clock) : IChannelSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Channel Channel => Channel.Webhook;
    public int BatchSize => 50;

    public Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct)
    {
        var site = config.SiteUrl();
        var client = http.CreateClient(OutboundSetup.ClientName);
        return HttpOutcomes.EachAsync(batch, 8, async (work, token) =>
        {
            var body = work.Delivery.Kind == DeliveryKind.IdeaEvent ? work.Delivery.Payload ?? "{}" : NoticeBody(work, site, clock.GetUtcNow());
            var (status, answer) = await PostAsync(client, work.Webhook!.Url, secrets.Unprotect(work.Webhook.Secret)!, work.MessageId, body, token);
            return HttpOutcomes.FromStatus(work.Delivery.Id, status, answer);
        }, ct);
    }

    /// <summary>Posts one webhook; the answer's status code and status line (the body is never read: nothing in it is ours to show).</summary>
    public async Task<(int Status, string Reason)> PostAsync(HttpClient client, string url, string secret, string id, string body, CancellationToken ct)
    {
        // Whole seconds, so the header and the signed timestamp are the same number.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(id, now, body));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return ((int)response.StatusCode, response.ReasonPhrase ?? "");
    }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Envelope(string type, DateTimeOffset at, object data) =>
        JsonSerializer.Serialize(new { type, timestamp = at, data }, Json);

    private static string NoticeBody(DeliveryWork work, string site, DateTimeOffset now)
    {
        var (notice, update) = (work.Notice!, work.Update!);
        var type = Webhook.NoticeType(update.Resolves, work.UpdateIndex == 0);
        return Envelope(type, now, new
        {
            messageId = work.MessageId,
            organization = work.Organization.Slug,
            notice = new { id = notice.Id, notice.Title, severity = notice.Severity.ToString().ToLowerInvariant(), notice.StartsAt, notice.ExpectedEndAt, url = $"{site}/{work.Organization.Slug}/status/{notice.Id}" },
            update = new { id = update.Id, update.Body, update.CreatedAt, update.Resolves },
        });
    }
}
