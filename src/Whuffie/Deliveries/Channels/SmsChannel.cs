using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Notices;
using Whuffie.Outbound;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// SMS through the organization's HTTP gateway: a POST to its URL with its auth header and a
/// body made from its template, where {to}, {text} and {id} are replaced (JSON-escaped when the
/// template is JSON, form-encoded otherwise). The gateway's answer is kept on the delivery.
/// </summary>
public sealed class SmsChannel(WhuffieDb db, IHttpClientFactory http, Secrets secrets, IConfiguration config) : IChannelSender
{
    public const string DefaultTemplate = """{"to":"{to}","text":"{text}","reference":"{id}"}""";

    public Channel Channel => Channel.Sms;
    public int BatchSize => 50;

    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct)
    {
        var orgIds = batch.Select(w => w.Organization.Id).Distinct().ToList();
        var settings = await db.ChannelSettings.IgnoreQueryFilters().AsNoTracking().Where(s => orgIds.Contains(s.OrganizationId)).ToDictionaryAsync(s => s.OrganizationId, ct);
        var site = config.SiteUrl();
        var client = http.CreateClient(OutboundSetup.ClientName);
        return await HttpOutcomes.EachAsync(batch, 8, async (work, token) =>
        {
            if (!settings.TryGetValue(work.Organization.Id, out var s) || string.IsNullOrEmpty(s.SmsUrl))
                return new DeliveryOutcome(work.Delivery.Id, DeliveryResult.Retry, "no SMS gateway configured");
            var text = TextOf(work, site);
            return await SendOneAsync(client, s, work.Subscription?.Address ?? "", text, work.MessageId, token) is var (status, body)
                ? HttpOutcomes.FromStatus(work.Delivery.Id, status, body) : throw new InvalidOperationException();
        }, ct);
    }

    /// <summary>Posts one message to the gateway; its status code and status line.</summary>
    public async Task<(int Status, string Reason)> SendOneAsync(HttpClient client, ChannelSettings s, string to, string text, string id, CancellationToken ct)
    {
        var template = string.IsNullOrWhiteSpace(s.SmsBodyTemplate) ? DefaultTemplate : s.SmsBodyTemplate;
        var json = template.TrimStart().StartsWith('{');
        string Esc(string v) => json ? JsonEncodedText.Encode(v, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() : Uri.EscapeDataString(v);
        var body = template.Replace("{to}", Esc(to), StringComparison.Ordinal).Replace("{text}", Esc(text), StringComparison.Ordinal)
            .Replace("{id}", Esc(id), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, s.SmsUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, json ? "application/json" : "application/x-www-form-urlencoded"),
        };
        if (secrets.Unprotect(s.SmsAuthHeader) is { } header && header.IndexOf(':') is > 0 and var colon)
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        request.Headers.TryAddWithoutValidation("Idempotency-Key", id);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return ((int)response.StatusCode, response.ReasonPhrase ?? "");
    }

    private string TextOf(DeliveryWork work, string site)
    {
        switch (work.Delivery.Kind)
        {
            case DeliveryKind.Confirm:
                using (Web.Languages.Speak(work.Subscription!.Language))
                    return T("Notices.Code.Sms", work.Organization.Name, secrets.Unprotect(work.Delivery.Payload));
            case DeliveryKind.Manage:
                using (Web.Languages.Speak(work.Subscription!.Language))
                    return T("Notices.Manage.Sms", work.Organization.Name, EmailChannel.ManageLink(site, work));
            default:
                return NoticeMessage.For(work, site).Short;
        }
    }
}
