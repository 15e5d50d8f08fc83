using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Whuffie.Tests.Notices;

/// <summary>One request a fake receiver got: method, path, headers and body.</summary>
public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// The outside world for the notice channels, on loopback: small HTTP servers that follow the
/// public API documents of Mastodon (statuses, Idempotency-Key), an SMS gateway, a Standard
/// Webhooks receiver (it checks the signature itself) and a WebSub hub. Each can be told to fail
/// or to hang, so tests can see one channel's trouble stay its own.
/// </summary>
public sealed class Receivers : IAsyncLifetime
{
    public const string MastodonToken = "mastodon-token-soeborg-7f3a";
    public const string SmsAuth = "Authorization: Bearer sms-gateway-key";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Received>> _got = new();
    private readonly ConcurrentDictionary<string, string> _mastodonByKey = new();
    private WebApplication? _app;
    private int _statusIds = 1000;

    public string Url { get; private set; } = "";

    /// <summary>Webhook secrets the receiver knows, by path ("/hooks/a" → "whsec_…").</summary>
    public ConcurrentDictionary<string, string> WebhookSecrets { get; } = new();

    public bool MastodonHangs { get; set; }

    /// <summary>How many webhook requests still to answer 503, as a receiver that is briefly down does.</summary>
    public int WebhookFailures;
    public int SmsStatus { get; set; } = 200;

    /// <summary>A phone number whose texts the gateway takes but never answers for.</summary>
    public string? SmsHangsFor { get; set; }

    public IReadOnlyList<Received> Got(string kind) => _got.TryGetValue(kind, out var q) ? [.. q] : [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/v1/statuses", (Delegate)MastodonAsync);
        _app.MapPost("/sms", (Delegate)SmsAsync);
        _app.MapPost("/hooks/{name}", WebhookAsync);
        _app.MapPost("/hub", async (HttpContext http) => { await RecordAsync("websub", http); return Results.NoContent(); });
        _app.MapPost("/push/{id}", (Delegate)PushAsync);
        await _app.StartAsync();
        Url = _app.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<Received> RecordAsync(string kind, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var got = new Received(http.Request.Method, http.Request.Path, http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body);
        _got.GetOrAdd(kind, _ => new()).Enqueue(got);
        return got;
    }

    /// <summary>POST /api/v1/statuses (docs.joinmastodon.org/methods/statuses/#create): a bearer token, form fields, the same status again for a repeated Idempotency-Key.</summary>
    private async Task<IResult> MastodonAsync(HttpContext http)
    {
        if (MastodonHangs)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
            return Results.StatusCode(504);
        }
        if (http.Request.Headers.Authorization != $"Bearer {MastodonToken}") return Results.Json(new { error = "The access token is invalid" }, statusCode: 401);
        var form = await http.Request.ReadFormAsync();
        var text = form["status"].ToString();
        if (text.Length is 0 or > 500) return Results.Json(new { error = "Validation failed: Text can't be blank or too long" }, statusCode: 422);
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var got = new Received("POST", "/api/v1/statuses", http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            string.Join("&", form.Select(f => $"{f.Key}={f.Value}")));
        if (key.Length > 0 && _mastodonByKey.TryGetValue(key, out var known))
            return Results.Json(new { id = known, content = text, in_reply_to_id = (string?)form["in_reply_to_id"].ToString() });
        var id = Interlocked.Increment(ref _statusIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (key.Length > 0) _mastodonByKey[key] = id;
        _got.GetOrAdd("mastodon", _ => new()).Enqueue(got with { Body = got.Body + $"&id={id}" });
        return Results.Json(new { id, content = text, visibility = form["visibility"].ToString(), in_reply_to_id = form["in_reply_to_id"].ToString() is { Length: > 0 } r ? r : null });
    }

    private async Task<IResult> SmsAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization != "Bearer sms-gateway-key") return Results.Json(new { error = "unauthorized" }, statusCode: 401);
        var got = await RecordAsync("sms", http);
        if (SmsHangsFor is { } hangs && got.Body.Contains(hangs, StringComparison.Ordinal))
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
        return SmsStatus == 200
            ? Results.Json(new { messageId = "gw-" + got.Body.GetHashCode(StringComparison.Ordinal), status = "queued" })
            : Results.Json(new { error = "gateway unavailable" }, statusCode: SmsStatus);
    }

    /// <summary>
    /// A push service that takes every message (RFC 8030 §5: 201 Created) and keeps the encrypted
    /// body, base64, for the test to decrypt; the tests that check VAPID use web-push-testing.
    /// </summary>
    private async Task<IResult> PushAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var got = new Received("POST", http.Request.Path, http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            Convert.ToBase64String(body.ToArray()));
        _got.GetOrAdd("push", _ => new()).Enqueue(got);
        return Results.Created();
    }

    /// <summary>
    /// A Standard Webhooks receiver as its users write one, with the StandardWebhooks library: it
    /// refuses a request whose signature does not match its secret, or that is older than five minutes.
    /// </summary>
    private async Task<IResult> WebhookAsync(string name, HttpContext http)
    {
        var got = await RecordAsync("webhook", http);
        if (!WebhookSecrets.TryGetValue(name, out var secret)) return Results.NotFound();
        if (Interlocked.Decrement(ref WebhookFailures) >= 0) return Results.StatusCode(503);
        try
        {
            new StandardWebhook(secret).Verify(got.Body, http.Request.Headers);
            return Results.NoContent();
        }
        catch (WebhookVerificationException)
        {
            return Results.Unauthorized();
        }
    }
}
