using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Whuffie.Deliveries.Push;

/// <summary>
/// Sends one push message (RFC 8030 §5) to a subscription's push service: encrypted per
/// RFC 8291, signed per RFC 8292. Delivery problems come back as a <see cref="PushResult"/>;
/// only cancelling <c>ct</c> throws.
/// </summary>
public sealed partial class WebPushSender(HttpClient http, TimeProvider time)
{
    public Task<PushResult> SendAsync(PushTarget target, Vapid vapid, string contact, byte[] payload, int ttlSeconds, string? topic, CancellationToken ct) =>
        SendAsync(target, vapid, contact, payload, ttlSeconds, topic, urgency: null, ct);

    /// <summary>
    /// <paramref name="ttlSeconds"/>: how long the push service may keep the message for an
    /// offline browser (0: now or never). <paramref name="topic"/>: replaces an undelivered
    /// message with the same topic (RFC 8030 §5.4), at most 32 base64url characters.
    /// </summary>
    /// <exception cref="ArgumentException">The TTL, topic or contact is not one a push service takes: a bug in the caller or its configuration.</exception>
    public async Task<PushResult> SendAsync(PushTarget target, Vapid vapid, string contact, byte[] payload, int ttlSeconds, string? topic, PushUrgency? urgency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(vapid);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(ttlSeconds);
        if (topic is not null && !TopicPattern().IsMatch(topic))
            throw new ArgumentException("A topic is 1 to 32 characters of base64url.", nameof(topic));

        // What no retry can fix, from the subscription or the message, is permanent, not a crash.
        if (payload.Length > PushEncryption.MaxPlaintextLength)
            return Failed(permanent: true, $"The payload is {payload.Length} bytes; a push message holds at most {PushEncryption.MaxPlaintextLength}.");
        if (!Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            return Failed(permanent: true, "The endpoint is not an http(s) URL.");
        byte[] body;
        try
        {
            body = PushEncryption.Encrypt(target.P256dh, target.Auth, payload);
        }
        catch (ArgumentException e)
        {
            return Failed(permanent: true, $"The subscription's keys are unusable: {e.Message}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.Add("TTL", ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (urgency is { } u) request.Headers.Add("Urgency", UrgencyValue(u));
        if (topic is not null) request.Headers.Add("Topic", topic);
        request.Headers.TryAddWithoutValidation("Authorization", vapid.AuthorizationHeader(endpoint, contact, time.GetUtcNow()));

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            // The status line only: the endpoint came from a browser, so the server behind it may be
            // anyone's, and its body is nothing to keep or show.
            var record = Outbound.OutboundAnswers.Status(response);
            return status switch
            {
                >= 200 and < 300 => new PushResult(status, false, false, false, record),
                404 or 410 => new PushResult(status, Gone: true, false, false, record),
                408 or 429 or >= 500 => new PushResult(status, false, Transient: true, false, record),
                _ => new PushResult(status, false, false, Permanent: true, record),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(permanent: false, "Timed out waiting for the push service.");
        }
        catch (HttpRequestException e) when (Outbound.OutboundRefusedException.In(e) is { } refused)
        {
            return Failed(permanent: true, Outbound.OutboundAnswers.Refused(refused));
        }
        catch (HttpRequestException e)
        {
            return Failed(permanent: false, $"Network error: {e.Message}");
        }
    }

    private static PushResult Failed(bool permanent, string why) => new(null, false, !permanent, permanent, why);

    private static string UrgencyValue(PushUrgency urgency) => urgency switch
    {
        PushUrgency.VeryLow => "very-low",
        PushUrgency.Low => "low",
        PushUrgency.High => "high",
        _ => "normal",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex TopicPattern();
}
