using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Organizations;

namespace Whuffie.Notices;

/// <summary>
/// /{org}/status: the organization's current and recent notices, the feeds, and subscribing by
/// email or SMS, with or without an account. Staff publish new notices here, through the API's handler.
/// </summary>
public sealed class StatusPageModel(WhuffieDb db, IConfiguration config, TimeProvider clock) : OrgPage(db)
{
    public List<NoticeDto> Notices { get; private set; } = [];
    public List<TopicDto> Topics { get; private set; } = [];
    public string? Subscribed { get; private set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Severity { get; set; }
    [BindProperty] public List<string> TopicSlugs { get; set; } = [];
    [BindProperty] public DateTime? ExpectedEndAt { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? Address { get; set; }

    public async Task OnGetAsync(string? subscribed, CancellationToken ct)
    {
        Subscribed = subscribed;
        // Signed in, the account's own address is the likely one, and it needs no second opt-in.
        if (UserId is { } me) Address ??= await Db.Users.Where(u => u.Id == me).Select(u => u.Email).FirstOrDefaultAsync(ct);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var request = new PublishNoticeRequest(Title, Body, Severity, TopicSlugs, null, ExpectedEndAt);
        var result = await NoticesApi.PublishAsync(request, User, Db, config, HttpContext.RequestServices.GetRequiredService<DeliverySignal>(), clock, ct);
        if (Outcome<NoticeDto>(result) is { } notice) return LocalRedirect($"/{Org.Slug}/status/{notice.Id}");
        return await InvalidAsync(ct);
    }

    public async Task<IActionResult> OnPostSubscribeAsync(CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        var result = await SubscriptionsApi.SubscribeAsync(new SubscribeRequest(Channel, Address, TopicSlugs, null, null), HttpContext, Db,
            services.GetRequiredService<Secrets>(), services.GetRequiredService<DeliverySignal>(), services.GetRequiredService<SubscribeLimit>(),
            services.GetRequiredService<IOptions<NoticeOptions>>(), services.GetRequiredService<Outbound.OutboundPolicy>(), clock, ct);
        if (Outcome<SubscriptionDto>(result) is not { } sub)
            return await InvalidAsync(ct, result.Result is ProblemHttpResult { StatusCode: 429 } ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest);
        return sub.Confirmed ? LocalRedirect($"/{Org.Slug}/status?subscribed=done#subscribe")
            : sub.Channel == "sms" ? LocalRedirect($"/{Org.Slug}/status/confirm?phone={Uri.EscapeDataString(Address!.Trim())}")
            : LocalRedirect($"/{Org.Slug}/status?subscribed={sub.Channel}#subscribe");
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Notices = await NoticesApi.RecentAsync(Db, config, clock.GetUtcNow().UtcDateTime, ct);
        Topics = [.. Db.NoticeTopics.OrderBy(t => t.Name).Select(t => new TopicDto(t.Slug, t.Name))];
    }
}
