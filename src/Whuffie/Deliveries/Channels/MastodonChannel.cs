using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Notices;
using Whuffie.Outbound;
using Whuffie.Web;

namespace Whuffie.Deliveries.Channels;

/// <summary>
/// Posts each notice update as a public status on the organization's Mastodon account
/// (POST /api/v1/statuses, docs.joinmastodon.org/methods/statuses). The Idempotency-Key is the
/// delivery's message id, so a retry after a lost answer never posts twice; each update replies
/// to the post before it, so a notice reads as one thread.
/// </summary>
public sealed class MastodonChannel(WhuffieDb db, IHttpClientFactory http, Secrets secrets, IConfiguration config) : IChannelSender
{
    public Channel Channel => Channel.Mastodon;

    // One post at a time: a thread's order matters, and there is one post per update anyway.
    public int BatchSize => 5;

    public Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<DeliveryWork> batch, CancellationToken ct)
    {
        var site = config.SiteUrl();
        var client = http.CreateClient(OutboundSetup.ClientName);
        return HttpOutcomes.EachAsync(batch, 1, (work, token) => PostAsync(client, work, site, token), ct);
    }

    private async Task<DeliveryOutcome> PostAsync(HttpClient client, DeliveryWork work, string site, CancellationToken ct)
    {
        var id = work.Delivery.Id;
        var settings = await db.ChannelSettings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.OrganizationId == work.Organization.Id, ct);
        if (settings?.MastodonUrl is null || secrets.Unprotect(settings.MastodonToken) is not { } token)
            return new DeliveryOutcome(id, DeliveryResult.Retry, "no Mastodon account configured");
        string? replyTo = null;
        if (work.UpdateIndex > 0)
        {
            replyTo = await db.NoticeUpdates.IgnoreQueryFilters().Where(u => u.NoticeId == work.Notice!.Id && u.Id < work.Update!.Id)
                .OrderByDescending(u => u.Id).Select(u => u.MastodonStatusId).FirstOrDefaultAsync(ct);
            // Keep the thread in order: wait until the earlier update is posted.
            if (replyTo is null) return new DeliveryOutcome(id, DeliveryResult.Retry, "waiting for the earlier update's post");
        }
        var (status, reason, statusId) = await PostStatusAsync(client, settings.MastodonUrl, token, NoticeMessage.For(work, site).Short, replyTo, work.MessageId, ct);
        if (statusId is not null)
            await db.NoticeUpdates.IgnoreQueryFilters().Where(u => u.Id == work.Update!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.MastodonStatusId, statusId), CancellationToken.None);
        return HttpOutcomes.FromStatus(id, status, reason);
    }

    /// <summary>One status; the answer's status code, status line and the new status's id when it was posted.</summary>
    public static async Task<(int Status, string Reason, string? StatusId)> PostStatusAsync(HttpClient client, string instance, string token,
        string text, string? replyTo, string idempotencyKey, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>> { new("status", text), new("visibility", "public") };
        if (replyTo is not null) form.Add(new("in_reply_to_id", replyTo));
        using var request = new HttpRequestMessage(HttpMethod.Post, instance.TrimEnd('/') + "/api/v1/statuses") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        string? statusId = null;
        if (response.IsSuccessStatusCode)
        {
            // A status is a few kilobytes; a longer answer is cut at the client's bound (Outbound:MaxReplyBytes) and simply does not parse.
            var body = await BoundedReplies.ReadAsync(response, (int)client.MaxResponseContentBufferSize, ct);
            try
            {
                using var json = JsonDocument.Parse(body);
                statusId = json.RootElement.TryGetProperty("id", out var v) ? v.GetString() : null;
            }
            catch (JsonException) { }
        }
        return ((int)response.StatusCode, response.ReasonPhrase ?? "", statusId);
    }
}
