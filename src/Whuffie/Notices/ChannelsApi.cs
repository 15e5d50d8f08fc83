using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Deliveries.Channels;
using Whuffie.Deliveries.Push;
using Whuffie.Organizations;
using Whuffie.Outbound;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

public sealed record TopicDto(string Slug, string Name);
public sealed record SaveTopicRequest(string? Name, string? Slug);

/// <summary>
/// What admins see of the channel settings: secrets only by their end. SmsCountries and
/// SmsTextsPerDay are what applies (the defaults when none were chosen); SmsTextsLastDay is how
/// many confirmation and manage texts went out in the last 24 hours, against that limit.
/// </summary>
public sealed record ChannelSettingsDto(string? MastodonUrl, string? MastodonToken, string? SmsUrl, string? SmsAuthHeader, string? SmsBodyTemplate,
    string? WebSubHub, string? VapidPublicKey, string SmsCountries, int SmsTextsPerDay, int SmsTextsLastDay);

/// <summary>A null field stays as it is; an empty one clears it (SmsCountries: back to the organization's own country).</summary>
public sealed record SaveChannelSettingsRequest(string? MastodonUrl, string? MastodonToken, string? SmsUrl, string? SmsAuthHeader, string? SmsBodyTemplate, string? WebSubHub,
    string? SmsCountries = null, int? SmsTextsPerDay = null);
/// <summary>Events null: every event type, including ones added later.</summary>
public sealed record WebhookDto(int Id, string Url, string Secret, List<string>? Events);
public sealed record SaveWebhookRequest(string? Url, List<string>? Events);
/// <summary>To: the phone number an SMS test goes to; Webhook: test only that webhook (otherwise every one).</summary>
public sealed record ChannelTestRequest(string? To, int? Webhook = null);
public sealed record ChannelTestResult(bool Ok, string Response);

/// <summary>The organization's topics (staff) and its channels' accounts and webhooks (admins).</summary>
public static class ChannelsApi
{
    public static void MapNoticeChannelsApi(this RouteGroupBuilder org)
    {
        var topics = org.MapGroup("/notice-topics").WithTags("Notices");
        topics.MapGet("", async (WhuffieDb db, CancellationToken ct) => TypedResults.Ok(await TopicsAsync(db, ct)));
        topics.MapPost("", CreateTopicAsync).RequireOrgRole(OrgRole.Staff);
        topics.MapDelete("/{slug}", DeleteTopicAsync).RequireOrgRole(OrgRole.Staff);

        var channels = org.MapGroup("/notice-channels").WithTags("Notices");
        channels.MapGet("", async (WhuffieDb db, Secrets secrets, IOptions<NoticeOptions> options, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await SettingsAsync(db, secrets, options.Value, clock, ct)))
            .RequireOrgRole(OrgRole.Admin);
        channels.MapPut("", SaveSettingsAsync).RequireOrgRole(OrgRole.Admin);
        channels.MapPost("/{channel}/test", TestAsync).RequireOrgRole(OrgRole.Admin);
        channels.MapGet("/push-key", PushKeyAsync);

        var hooks = org.MapGroup("/webhooks").WithTags("Notices");
        hooks.MapGet("", async (WhuffieDb db, Secrets secrets, CancellationToken ct) => TypedResults.Ok(await WebhooksAsync(db, secrets, ct))).RequireOrgRole(OrgRole.Admin);
        hooks.MapPost("", CreateWebhookAsync).RequireOrgRole(OrgRole.Admin);
        hooks.MapDelete("/{id:int}", DeleteWebhookAsync).RequireOrgRole(OrgRole.Admin);
    }

    /// <summary>The current organization's topics, by name.</summary>
    internal static Task<List<TopicDto>> TopicsAsync(WhuffieDb db, CancellationToken ct) =>
        db.NoticeTopics.AsNoTracking().OrderBy(t => t.Name).Select(t => new TopicDto(t.Slug, t.Name)).ToListAsync(ct);

    /// <summary>The current organization's channel settings, secrets masked.</summary>
    internal static async Task<ChannelSettingsDto> SettingsAsync(WhuffieDb db, Secrets secrets, NoticeOptions options, TimeProvider clock, CancellationToken ct) =>
        await DtoAsync(await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(ct), db, secrets, options, clock, ct);

    /// <summary>The current organization's webhooks, oldest first, secrets masked.</summary>
    internal static async Task<List<WebhookDto>> WebhooksAsync(WhuffieDb db, Secrets secrets, CancellationToken ct) =>
        [.. (await db.Webhooks.AsNoTracking().OrderBy(h => h.Id).ToListAsync(ct)).Select(h => new WebhookDto(h.Id, h.Url, Secrets.Mask(secrets.Unprotect(h.Secret))!, EventsOf(h)))];

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhookAsync(int id, WhuffieDb db, CancellationToken ct) =>
        await db.Webhooks.Where(h => h.Id == id).ExecuteDeleteAsync(ct) == 1 ? TypedResults.NoContent() : Problems.NotFound(T("Notices.WebhookNotFound"));

    internal static async Task<Results<Created<TopicDto>, ValidationProblem, ProblemHttpResult>> CreateTopicAsync(SaveTopicRequest request, WhuffieDb db, CancellationToken ct)
    {
        var validation = new Validation().Text("name", request.Name, NoticeTopic.NameMaxLength);
        var slug = request.Slug?.Trim().ToLowerInvariant() ?? Slugs.From(request.Name ?? "", NoticeTopic.SlugMaxLength);
        if (request.Name is not null && !OrganizationRules.IsValidSlug(slug)) validation.Add("slug", T("Slug.Invalid"));
        if (!validation.IsValid) return validation.ToProblem();
        if (await db.NoticeTopics.AnyAsync(t => t.Slug == slug, ct)) return Problems.Conflict(T("Notices.TopicTaken", slug));
        db.NoticeTopics.Add(new NoticeTopic { Slug = slug, Name = request.Name!.Trim() });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/notice-topics/{slug}", new TopicDto(slug, request.Name.Trim()));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteTopicAsync(string slug, WhuffieDb db, CancellationToken ct)
    {
        var topic = await db.NoticeTopics.FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (topic is null) return Problems.NotFound(T("Notices.TopicUnknown", slug));
        await using var tx = await db.BeginWriteAsync(ct);
        await db.NoticeTopicLinks.Where(l => l.TopicId == topic.Id).ExecuteDeleteAsync(ct);
        await db.SubscriptionTopics.Where(l => l.TopicId == topic.Id).ExecuteDeleteAsync(ct);
        db.NoticeTopics.Remove(topic);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ChannelSettingsDto> DtoAsync(ChannelSettings? s, WhuffieDb db, Secrets secrets, NoticeOptions options, TimeProvider clock, CancellationToken ct)
    {
        var (texts, _) = await SmsRules.TextsLastDayAsync(db, db.Tenant.Current.Id, clock.GetUtcNow().UtcDateTime, ct);
        return new(s?.MastodonUrl, Secrets.Mask(secrets.Unprotect(s?.MastodonToken)), s?.SmsUrl, Secrets.Mask(secrets.Unprotect(s?.SmsAuthHeader)), s?.SmsBodyTemplate,
            s?.WebSubHub, s?.VapidPublicKey, SmsRules.Show(SmsRules.Allowed(s, db.Tenant.Current)), SmsRules.PerDay(s, options), texts);
    }

    /// <summary>The most a day's texts may be set to: a bound on a typing slip, not on the organization.</summary>
    public const int MaxSmsTextsPerDay = 100_000;

    internal static async Task<Results<Ok<ChannelSettingsDto>, ValidationProblem>> SaveSettingsAsync(SaveChannelSettingsRequest r, WhuffieDb db, Secrets secrets, OutboundPolicy outbound,
        IOptions<NoticeOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        foreach (var (field, url) in new[] { ("mastodonUrl", r.MastodonUrl), ("smsUrl", r.SmsUrl), ("webSubHub", r.WebSubHub) })
            if (!string.IsNullOrEmpty(url)) CheckUrl(validation, field, url.Trim(), outbound);
        validation.OptionalText("mastodonToken", r.MastodonToken, 500).OptionalText("smsAuthHeader", r.SmsAuthHeader, 500)
            .OptionalText("smsBodyTemplate", r.SmsBodyTemplate, 2000);
        if (!string.IsNullOrEmpty(r.SmsAuthHeader) && r.SmsAuthHeader.IndexOf(':') < 1) validation.Add("smsAuthHeader", T("Notices.HeaderInvalid"));
        var countries = string.IsNullOrWhiteSpace(r.SmsCountries) ? null : SmsRules.Parse(r.SmsCountries);
        if (!string.IsNullOrWhiteSpace(r.SmsCountries) && (countries is null || SmsRules.Show(countries).Length > ChannelSettings.SmsCountriesMaxLength))
            validation.Add("smsCountries", T("NoticeChannels.SmsCountriesInvalid"));
        if (r.SmsTextsPerDay is < 0 or > MaxSmsTextsPerDay) validation.Add("smsTextsPerDay", T("NoticeChannels.SmsTextsPerDayInvalid", MaxSmsTextsPerDay));
        // Both travel in HTTP headers, which carry only visible ASCII.
        foreach (var (field, value) in new[] { ("mastodonToken", r.MastodonToken), ("smsAuthHeader", r.SmsAuthHeader) })
            if (value is not null && value.Any(c => c is < ' ' or > '~')) validation.Add(field, T("Notices.AsciiOnly"));
        if (!validation.IsValid) return validation.ToProblem();

        var s = await db.ChannelSettings.FirstOrDefaultAsync(ct) ?? db.ChannelSettings.Add(new ChannelSettings()).Entity;
        static string? Plain(string? given, string? old) => given is null ? old : given.Trim() is { Length: > 0 } v ? v : null;
        string? Secret(string? given, string? old) => given is null ? old : given.Trim() is { Length: > 0 } v ? secrets.Protect(v) : null;
        s.MastodonUrl = Plain(r.MastodonUrl, s.MastodonUrl);
        s.MastodonToken = Secret(r.MastodonToken, s.MastodonToken);
        s.SmsUrl = Plain(r.SmsUrl, s.SmsUrl);
        s.SmsAuthHeader = Secret(r.SmsAuthHeader, s.SmsAuthHeader);
        s.SmsBodyTemplate = Plain(r.SmsBodyTemplate, s.SmsBodyTemplate);
        s.WebSubHub = Plain(r.WebSubHub, s.WebSubHub);
        if (r.SmsCountries is not null) s.SmsCountries = countries is null ? null : SmsRules.Show(countries);
        s.SmsTextsPerDay = r.SmsTextsPerDay ?? s.SmsTextsPerDay;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(s, db, secrets, options.Value, clock, ct));
    }

    /// <summary>"Send test": one real message through the channel's settings, answered at once with what the receiver said.</summary>
    internal static async Task<Results<Ok<ChannelTestResult>, ValidationProblem, ProblemHttpResult>> TestAsync(string channel, ChannelTestRequest? request, WhuffieDb db,
        Secrets secrets, IHttpClientFactory http, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var s = await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var client = http.CreateClient(OutboundSetup.ClientName);
        var org = db.Tenant.Current;
        var text = T("Notices.Test", org.Name);
        var id = "test_" + Guid.NewGuid().ToString("N");
        try
        {
            switch (channel.ToLowerInvariant())
            {
                case "mastodon":
                    if (s?.MastodonUrl is null || secrets.Unprotect(s.MastodonToken) is not { } token) return Problems.Conflict(T("Notices.NotConfigured"));
                    var (mStatus, mReason, _) = await MastodonChannel.PostStatusAsync(client, s.MastodonUrl, token, text, null, id, ct);
                    return Result(mStatus, mReason);
                case "sms":
                    if (s?.SmsUrl is null) return Problems.Conflict(T("Notices.NotConfigured"));
                    var to = (request?.To ?? "").Trim();
                    if (!System.Text.RegularExpressions.Regex.IsMatch(to, @"^\+[1-9][0-9]{6,14}$")) return new Validation().Add("to", T("Notices.PhoneInvalid")).ToProblem();
                    var sms = services.GetRequiredKeyedService<IChannelSender>(Channel.Sms) as SmsChannel;
                    var (sStatus, sBody) = await sms!.SendOneAsync(client, s, to, text, id, ct);
                    return Result(sStatus, sBody);
                case "websub":
                    if (s?.WebSubHub is null) return Problems.Conflict(T("Notices.NotConfigured"));
                    var feed = NoticeFeed.Url(services.GetRequiredService<IConfiguration>().SiteUrl(), org.Slug, null);
                    var (wStatus, wBody) = await WebSubChannel.PingAsync(client, s.WebSubHub, feed, ct);
                    return Result(wStatus, wBody);
                case "webhook":
                    var only = request?.Webhook;
                    var hooks = await db.Webhooks.AsNoTracking().Where(h => only == null || h.Id == only).ToListAsync(ct);
                    if (hooks.Count == 0) return only is null ? Problems.Conflict(T("Notices.NotConfigured")) : Problems.NotFound(T("Notices.WebhookNotFound"));
                    var webhooks = services.GetRequiredKeyedService<IChannelSender>(Channel.Webhook) as WebhookChannel;
                    var body = WebhookChannel.Envelope("test", clock.GetUtcNow(), new { organization = org.Slug, text });
                    var answers = new List<(int, string)>();
                    foreach (var h in hooks) answers.Add(await webhooks!.PostAsync(client, h.Url, secrets.Unprotect(h.Secret)!, id, body, ct));
                    return TypedResults.Ok(new ChannelTestResult(answers.All(a => a.Item1 is >= 200 and < 300), string.Join("; ", answers.Select(a => OutboundAnswers.Status(a.Item1, a.Item2)))));
                default:
                    return new Validation().Add("channel", T("Notices.ChannelInvalid")).ToProblem();
            }
        }
        catch (HttpRequestException e) when (OutboundRefusedException.In(e) is { } refused)
        {
            return TypedResults.Ok(new ChannelTestResult(false, OutboundAnswers.Refused(refused)));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return TypedResults.Ok(new ChannelTestResult(false, HttpOutcomes.FromException(0, e).Response!));
        }
    }

    // What the receiver said is its status line only: a body could be anything behind that address.
    private static Ok<ChannelTestResult> Result(int status, string reason) =>
        TypedResults.Ok(new ChannelTestResult(status is >= 200 and < 300, OutboundAnswers.Status(status, reason)));

    internal static async Task<Results<Created<WebhookDto>, ValidationProblem>> CreateWebhookAsync(SaveWebhookRequest request, WhuffieDb db, Secrets secrets,
        OutboundPolicy outbound, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (string.IsNullOrWhiteSpace(request.Url)) validation.Add("url", T("Notices.UrlInvalid"));
        else CheckUrl(validation, "url", request.Url.Trim(), outbound);
        var events = request.Events?.Select(e => e?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (events is { Count: 0 }) validation.Add("events", T("Notices.WebhookEventsEmpty", string.Join(", ", Webhook.EventTypes)));
        foreach (var unknown in events?.Except(Webhook.EventTypes) ?? [])
            validation.Add("events", T("Notices.WebhookEventUnknown", unknown, string.Join(", ", Webhook.EventTypes)));
        // One webhook per address: a form posted twice (a browser's refresh of the page that shows
        // the secret) must not register it twice and sign every event under two secrets.
        if (validation.IsValid && await db.Webhooks.AnyAsync(h => h.Url == request.Url!.Trim(), ct)) validation.Add("url", T("Notices.WebhookTaken"));
        if (!validation.IsValid) return validation.ToProblem();
        var secret = WebhookChannel.NewSecret();
        var hook = new Webhook
        {
            Url = request.Url!.Trim(),
            Secret = secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            // Kept in the order of EventTypes, so the same choice is always stored alike.
            Events = events is null ? null : string.Join(' ', Webhook.EventTypes.Where(events.Contains)),
        };
        db.Webhooks.Add(hook);
        await db.SaveChangesAsync(ct);
        // The only time the whole secret is shown: the receiver needs it to check signatures.
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/webhooks/{hook.Id}", new WebhookDto(hook.Id, hook.Url, secret, EventsOf(hook)));
    }

    private static List<string>? EventsOf(Webhook hook) => hook.Events?.Split(' ').ToList();

    private static async Task<Ok<PushKeyDto>> PushKeyAsync(WhuffieDb db, Secrets secrets, CancellationToken ct) =>
        TypedResults.Ok(new PushKeyDto(await VapidKeys.PublicKeyAsync(db, secrets, ct)));

    /// <summary>A full http(s) address, and not one that is plainly off the public internet (the connect judges every address again).</summary>
    private static void CheckUrl(Validation validation, string field, string url, OutboundPolicy outbound)
    {
        if (!IsHttpUrl(url)) validation.Add(field, T("Notices.UrlInvalid"));
        else if (outbound.JudgeUrl(new Uri(url)) is not null) validation.Add(field, T("Outbound.UrlRefused", new Uri(url).Host));
    }

    private static bool IsHttpUrl(string s) =>
        s.Length <= ChannelSettings.UrlMaxLength && Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}

public sealed record PushKeyDto(string PublicKey);
