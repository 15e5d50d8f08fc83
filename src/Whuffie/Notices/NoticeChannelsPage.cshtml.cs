using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Deliveries.Push;
using Whuffie.Organizations;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>
/// /{org}/admin/notices: admins set up the notice channels (Mastodon, SMS gateway, WebSub hub,
/// webhooks) and the topics. Every change and every "send test" goes through the API's own
/// handlers in <see cref="ChannelsApi"/>, so the rules and what a test sends are the same for both.
/// </summary>
public sealed class NoticeChannelsPageModel(WhuffieDb db, Secrets secrets, IOptions<NoticeOptions> options, TimeProvider clock) : OrgPage(db)
{
    public ChannelSettingsDto Settings { get; private set; } = null!;
    public List<WebhookDto> Webhooks { get; private set; } = [];
    public List<TopicDto> Topics { get; private set; } = [];
    public string VapidPublicKey { get; private set; } = "";

    /// <summary>The section that answered ("mastodon", "sms", "websub", "webhooks", "topics"): its message shows there.</summary>
    public string? Section { get; private set; }
    public string? SavedMessage { get; private set; }
    public ChannelTestResult? Tested { get; private set; }
    public int? TestedWebhook { get; private set; }

    /// <summary>A webhook just added, with its whole secret: in this one answer only.</summary>
    public WebhookDto? Created { get; private set; }

    [BindProperty] public string? MastodonUrl { get; set; }
    [BindProperty] public string? MastodonToken { get; set; }
    [BindProperty] public string? SmsUrl { get; set; }
    [BindProperty] public string? SmsAuthHeader { get; set; }
    [BindProperty] public string? SmsBodyTemplate { get; set; }
    [BindProperty] public string? SmsCountries { get; set; }

    /// <summary>As typed: a number, or empty to keep the limit as it is.</summary>
    [BindProperty] public string? SmsTextsPerDay { get; set; }
    [BindProperty] public string? WebSubHub { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? WebhookUrl { get; set; }

    /// <summary>"some": only <see cref="WebhookEventTypes"/>; anything else: every event type, including ones added later.</summary>
    [BindProperty] public string? WebhookEvents { get; set; }
    [BindProperty] public List<string> WebhookEventTypes { get; set; } = [];
    [BindProperty] public string? TopicName { get; set; }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        (Section, SavedMessage) = saved switch
        {
            "mastodon" or "sms" or "websub" => (saved, T("NoticeChannels.Saved")),
            "webhook-deleted" => ("webhooks", T("NoticeChannels.WebhookDeleted")),
            "topic-added" => ("topics", T("NoticeChannels.TopicAdded")),
            "topic-deleted" => ("topics", T("NoticeChannels.TopicDeleted")),
            _ => (null, null),
        };
        await LoadAsync(null, ct);
        return Page();
    }

    // An empty secret field keeps the stored secret (it is never shown, so the field is always empty); clearing is its own button.
    public Task<IActionResult> OnPostMastodonAsync(CancellationToken ct) =>
        SaveAsync("mastodon", new(MastodonUrl ?? "", Given(MastodonToken), null, null, null, null), ct);

    public Task<IActionResult> OnPostMastodonClearAsync(CancellationToken ct) => SaveAsync("mastodon", new(null, "", null, null, null, null), ct);

    public async Task<IActionResult> OnPostSmsAsync(CancellationToken ct)
    {
        int? perDay = null;
        if (!string.IsNullOrWhiteSpace(SmsTextsPerDay))
        {
            if (int.TryParse(SmsTextsPerDay.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) perDay = n;
            else
            {
                if (Require(OrgRole.Admin) is { } denied) return denied;
                ModelState.AddModelError("smsTextsPerDay", T("NoticeChannels.SmsTextsPerDayInvalid", ChannelsApi.MaxSmsTextsPerDay));
                return await AnswerAsync("sms", StatusCodes.Status400BadRequest, "sms", ct);
            }
        }
        return await SaveAsync("sms", new(null, null, SmsUrl ?? "", Given(SmsAuthHeader), SmsBodyTemplate ?? "", null, SmsCountries ?? "", perDay), ct);
    }

    public Task<IActionResult> OnPostSmsClearAsync(CancellationToken ct) => SaveAsync("sms", new(null, null, null, "", null, null), ct);

    public Task<IActionResult> OnPostWebSubAsync(CancellationToken ct) => SaveAsync("websub", new(null, null, null, null, null, WebSubHub ?? ""), ct);

    /// <summary>
    /// Sends one real message and shows what the receiver answered. The answer is this page
    /// itself, not a redirect: nothing was saved, and the outcome exists only now.
    /// </summary>
    public async Task<IActionResult> OnPostTestAsync(string? channel, int? webhook, CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        channel ??= "";
        var services = HttpContext.RequestServices;
        var result = await ChannelsApi.TestAsync(channel, new ChannelTestRequest(To, webhook), Db, secrets, services.GetRequiredService<IHttpClientFactory>(),
            services, clock, ct);
        (Tested, TestedWebhook) = (Outcome<ChannelTestResult>(result), webhook);
        return await AnswerAsync(channel == "webhook" ? "webhooks" : channel, Tested is null ? StatusOf(result.Result) : StatusCodes.Status200OK, null, ct);
    }

    /// <summary>
    /// Adds a webhook and shows its signing secret. No redirect: the whole secret is in this
    /// answer only, never in an address, a cookie or the database in the clear.
    /// </summary>
    public async Task<IActionResult> OnPostWebhookAddAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        var request = new SaveWebhookRequest(WebhookUrl, WebhookEvents == "some" ? WebhookEventTypes : null);
        Created = Outcome<WebhookDto>(await ChannelsApi.CreateWebhookAsync(request, Db, secrets, HttpContext.RequestServices.GetRequiredService<Outbound.OutboundPolicy>(), clock, ct));
        if (Created is null) return await AnswerAsync("webhooks", StatusCodes.Status400BadRequest, "webhooks", ct);
        (WebhookUrl, WebhookEvents, WebhookEventTypes) = (null, null, []);
        return await AnswerAsync("webhooks", StatusCodes.Status200OK, null, ct);
    }

    public async Task<IActionResult> OnPostWebhookDeleteAsync(int webhook, CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        return (await ChannelsApi.DeleteWebhookAsync(webhook, Db, ct)).Result is ProblemHttpResult problem
            ? await RefusedAsync("webhooks", problem, ct) : Done("webhook-deleted", "webhooks");
    }

    public async Task<IActionResult> OnPostTopicAddAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        var result = await ChannelsApi.CreateTopicAsync(new SaveTopicRequest(TopicName, null), Db, ct);
        return Outcome<TopicDto>(result) is null ? await AnswerAsync("topics", StatusOf(result.Result), "topics", ct) : Done("topic-added", "topics");
    }

    public async Task<IActionResult> OnPostTopicDeleteAsync(string? topic, CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        return (await ChannelsApi.DeleteTopicAsync(topic ?? "", Db, ct)).Result is ProblemHttpResult problem
            ? await RefusedAsync("topics", problem, ct) : Done("topic-deleted", "topics");
    }

    /// <summary>The field's message, or where the API names the event list or the derived slug, that one.</summary>
    public string? ErrorForAny(params string[] fields) => fields.Select(ErrorFor).FirstOrDefault(e => e is not null);

    private async Task<IActionResult> SaveAsync(string section, SaveChannelSettingsRequest request, CancellationToken ct)
    {
        if (Require(OrgRole.Admin) is { } denied) return denied;
        return Outcome<ChannelSettingsDto>(await ChannelsApi.SaveSettingsAsync(request, Db, secrets, HttpContext.RequestServices.GetRequiredService<Outbound.OutboundPolicy>(), options, clock, ct)) is null
            ? await AnswerAsync(section, StatusCodes.Status400BadRequest, section, ct) : Done(section, section);
    }

    private static string? Given(string? secret) => string.IsNullOrWhiteSpace(secret) ? null : secret;

    private static int StatusOf(IResult result) => result is ProblemHttpResult problem ? problem.StatusCode : StatusCodes.Status400BadRequest;

    private LocalRedirectResult Done(string saved, string section) => LocalRedirect($"/{Org.Slug}/admin/notices?saved={saved}#{section}");

    private Task<IActionResult> RefusedAsync(string section, ProblemHttpResult problem, CancellationToken ct)
    {
        Refusal = problem.ProblemDetails.Detail;
        return AnswerAsync(section, problem.StatusCode, null, ct);
    }

    private async Task<IActionResult> AnswerAsync(string section, int status, string? typedIn, CancellationToken ct)
    {
        Section = section;
        Response.StatusCode = status;
        await LoadAsync(typedIn, ct);
        return Page();
    }

    /// <summary>What is stored; the section the admin just sent (typedIn) keeps what they typed, so they can correct it.</summary>
    private async Task LoadAsync(string? typedIn, CancellationToken ct)
    {
        // Made on first use, like the browser's subscribe button does: staff see the key the browsers will get.
        VapidPublicKey = await VapidKeys.PublicKeyAsync(Db, secrets, ct);
        Settings = await ChannelsApi.SettingsAsync(Db, secrets, options.Value, clock, ct);
        Webhooks = await ChannelsApi.WebhooksAsync(Db, secrets, ct);
        Topics = await ChannelsApi.TopicsAsync(Db, ct);
        if (typedIn != "mastodon") MastodonUrl = Settings.MastodonUrl;
        if (typedIn != "sms")
            (SmsUrl, SmsBodyTemplate, SmsCountries, SmsTextsPerDay) = (Settings.SmsUrl, Settings.SmsBodyTemplate, Settings.SmsCountries,
                Settings.SmsTextsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (typedIn != "websub") WebSubHub = Settings.WebSubHub;
        // A secret is never written back into a page, not even the one just typed.
        (MastodonToken, SmsAuthHeader) = (null, null);
    }
}
