using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

public sealed record PublishNoticeRequest(string? Title, string? Body, string? Severity, List<string>? Topics, DateTime? StartsAt, DateTime? ExpectedEndAt);
public sealed record NoticeUpdateRequest(string? Body, bool Resolve = false);
public sealed record NoticeUpdateDto(long Id, string Body, string BodyHtml, bool Resolves, DateTime CreatedAt, string MessageId);
public sealed record NoticeDto(int Id, string Title, string Severity, List<string> Topics, DateTime StartsAt, DateTime? ExpectedEndAt,
    DateTime? ResolvedAt, string Url, List<NoticeUpdateDto> Updates);
public sealed record ChannelCounts(string Channel, int Sent, int Pending, int Failed, int Gone);
public sealed record FailedDelivery(string MessageId, string Channel, string? Recipient, int Attempts, string? Response);
public sealed record DeliveryReport(List<ChannelCounts> Channels, List<FailedDelivery> Failures);
public sealed record RetryRequest(string? Channel);

/// <summary>Notices: staff publish, update and resolve them; anyone reads them; staff see how each channel delivered.</summary>
public static class NoticesApi
{
    public static void MapNoticesApi(this RouteGroupBuilder org)
    {
        var notices = org.MapGroup("/notices").WithTags("Notices");
        notices.MapGet("", ListAsync);
        notices.MapGet("/{id:int}", GetAsync);
        notices.MapPost("", PublishAsync).RequireOrgRole(OrgRole.Staff);
        notices.MapPost("/{id:int}/updates", UpdateAsync).RequireOrgRole(OrgRole.Staff);
        notices.MapGet("/{id:int}/deliveries", DeliveriesAsync).RequireOrgRole(OrgRole.Staff);
        notices.MapPost("/{id:int}/deliveries/retry", RetryAsync).RequireOrgRole(OrgRole.Staff);
    }

    private static async Task<Ok<List<NoticeDto>>> ListAsync(WhuffieDb db, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await RecentAsync(db, config, clock.GetUtcNow().UtcDateTime, ct));

    /// <summary>Active notices and those resolved in the last 30 days, newest first.</summary>
    public static async Task<List<NoticeDto>> RecentAsync(WhuffieDb db, IConfiguration config, DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-30);
        var ids = await db.Notices.Where(n => n.ResolvedAt == null || n.ResolvedAt >= since).OrderByDescending(n => n.StartsAt).ThenByDescending(n => n.Id)
            .Select(n => n.Id).Take(50).ToListAsync(ct);
        return await DtosAsync(db, config, ids, ct);
    }

    public static async Task<List<NoticeDto>> ActiveAsync(WhuffieDb db, IConfiguration config, CancellationToken ct)
    {
        var ids = await db.Notices.Where(n => n.ResolvedAt == null).OrderByDescending(n => n.Id).Select(n => n.Id).Take(5).ToListAsync(ct);
        return ids.Count == 0 ? [] : await DtosAsync(db, config, ids, ct);
    }

    private static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> GetAsync(int id, WhuffieDb db, IConfiguration config, CancellationToken ct) =>
        (await DtosAsync(db, config, [id], ct)) is [var dto] ? TypedResults.Ok(dto) : NotFound(db, id);

    public static async Task<List<NoticeDto>> DtosAsync(WhuffieDb db, IConfiguration config, List<int> ids, CancellationToken ct)
    {
        var notices = await db.Notices.AsNoTracking().Where(n => ids.Contains(n.Id)).Include(n => n.Updates).Include(n => n.Topics).AsSplitQuery().ToListAsync(ct);
        var topics = await db.NoticeTopics.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, ct);
        var site = config.SiteUrl();
        return ids.Select(id => notices.FirstOrDefault(n => n.Id == id)).OfType<Notice>().Select(n => new NoticeDto(n.Id, n.Title,
            n.Severity.ToString().ToLowerInvariant(), n.Topics.Select(t => topics.GetValueOrDefault(t.TopicId, "")).Order(StringComparer.Ordinal).ToList(),
            n.StartsAt, n.ExpectedEndAt, n.ResolvedAt, $"{site}/{db.Tenant.Current.Slug}/status/{n.Id}",
            n.Updates.OrderBy(u => u.Id).Select(u => new NoticeUpdateDto(u.Id, u.Body, Markdown.ToHtml(u.Body), u.Resolves, u.CreatedAt, $"update_{u.Id}")).ToList()))
            .ToList();
    }

    internal static async Task<Results<Created<NoticeDto>, ValidationProblem, ProblemHttpResult>> PublishAsync(PublishNoticeRequest request, ClaimsPrincipal user,
        WhuffieDb db, IConfiguration config, DeliverySignal signal, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var validation = new Validation().Text("title", request.Title, Notice.TitleMaxLength).Text("body", request.Body, Notice.BodyMaxLength);
        NoticeSeverity severity = NoticeSeverity.Info;
        if (request.Severity is not null && !Enum.TryParse(request.Severity, ignoreCase: true, out severity) || !Enum.IsDefined(severity))
            validation.Add("severity", T("Notices.SeverityInvalid"));
        var slugs = (request.Topics ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
        var topics = await db.NoticeTopics.Where(t => slugs.Contains(t.Slug)).ToListAsync(ct);
        foreach (var unknown in slugs.Except(topics.Select(t => t.Slug))) validation.Add("topics", T("Notices.TopicUnknown", unknown));
        // Times without an offset are on the organization's clock (a datetime-local field, or "14:00" as staff say it).
        var org = db.Tenant.Current;
        var startsAt = request.StartsAt is { } start ? org.ToUtc(start) : now;
        var expectedEnd = request.ExpectedEndAt is { } end ? org.ToUtc(end) : null;
        string Skipped(DateTime? given) => T("Notices.TimeSkipped", given!.Value.ToString("g", CultureInfo.CurrentCulture), org.ZoneName);
        if (startsAt is null) validation.Add("startsAt", Skipped(request.StartsAt));
        if (request.ExpectedEndAt is not null && expectedEnd is null) validation.Add("expectedEndAt", Skipped(request.ExpectedEndAt));
        else if (expectedEnd <= startsAt) validation.Add("expectedEndAt", T("Notices.EndBeforeStart"));
        if (!validation.IsValid) return validation.ToProblem();

        var notice = new Notice
        {
            Title = request.Title!.Trim(),
            Severity = severity,
            StartsAt = startsAt!.Value,
            ExpectedEndAt = expectedEnd,
            CreatedAt = now,
            AuthorId = user.UserId()!.Value,
            Topics = topics.Select(t => new NoticeTopicLink { TopicId = t.Id }).ToList(),
        };
        var update = new NoticeUpdate { Body = request.Body!.Trim(), CreatedAt = now, AuthorId = notice.AuthorId };
        notice.Updates.Add(update);
        db.Notices.Add(notice);
        await Publishing.SaveAndFanOutAsync(db, signal, notice, update, now, ct);
        var dto = (await DtosAsync(db, config, [notice.Id], ct))[0];
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/notices/{notice.Id}", dto);
    }

    internal static async Task<Results<Created<NoticeDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, NoticeUpdateRequest request, ClaimsPrincipal user,
        WhuffieDb db, IConfiguration config, DeliverySignal signal, TimeProvider clock, CancellationToken ct)
    {
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NotFound(db, id);
        if (notice.ResolvedAt is not null) return Problems.Conflict(T("Notices.AlreadyResolved"));
        var validation = new Validation().Text("body", request.Body, Notice.BodyMaxLength);
        if (!validation.IsValid) return validation.ToProblem();

        var now = clock.GetUtcNow().UtcDateTime;
        var update = new NoticeUpdate { NoticeId = notice.Id, Body = request.Body!.Trim(), Resolves = request.Resolve, CreatedAt = now, AuthorId = user.UserId()!.Value };
        if (request.Resolve) notice.ResolvedAt = now;
        db.NoticeUpdates.Add(update);
        await Publishing.SaveAndFanOutAsync(db, signal, notice, update, now, ct);
        var dto = (await DtosAsync(db, config, [notice.Id], ct))[0];
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/notices/{notice.Id}", dto);
    }

    internal static async Task<Results<Ok<DeliveryReport>, ProblemHttpResult>> DeliveriesAsync(int id, WhuffieDb db, CancellationToken ct)
    {
        if (!await db.Notices.AnyAsync(n => n.Id == id, ct)) return NotFound(db, id);
        // The update ids first: a list the delivery index is read with (a BRIN on PostgreSQL), where a
        // join could leave the planner scanning every delivery of every notice.
        var updates = await db.NoticeUpdates.Where(u => u.NoticeId == id).Select(u => (long?)u.Id).ToListAsync(ct);
        var rows = db.Deliveries.Where(d => updates.Contains(d.NoticeUpdateId));
        // Rows pruned after a month (PruneDeliveriesJob) left their counts behind; one statement reads
        // both, so a prune committing in between can neither hide nor double a row.
        var counts = await rows.GroupBy(d => new { d.Channel, d.State }).Select(g => new { g.Key.Channel, g.Key.State, Count = g.Count() })
            .Concat(db.DeliveryTotals.Where(t => updates.Contains(t.NoticeUpdateId)).Select(t => new { t.Channel, t.State, t.Count }))
            .ToListAsync(ct);
        var channels = counts.Select(c => c.Channel).Distinct().Order().Select(c => new ChannelCounts(c.ToString().ToLowerInvariant(),
            Count(c, DeliveryState.Sent), Count(c, DeliveryState.Pending), Count(c, DeliveryState.Failed), Count(c, DeliveryState.Gone))).ToList();
        int Count(Channel c, DeliveryState s) => counts.Where(x => x.Channel == c && x.State == s).Sum(x => x.Count);
        // What went wrong, and also what keeps failing while it is still being retried.
        var failures = await rows.Where(d => d.State == DeliveryState.Failed || (d.State == DeliveryState.Pending && d.Response != null))
            .OrderBy(d => d.Id).Take(100)
            .Select(d => new
            {
                d.Id,
                d.Channel,
                d.Attempts,
                d.Response,
                Address = db.NoticeSubscriptions.Where(s => s.Id == d.SubscriptionId).Select(s => s.Address).FirstOrDefault(),
                Hook = db.Webhooks.Where(h => h.Id == d.WebhookId).Select(h => h.Url).FirstOrDefault()
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new DeliveryReport(channels, failures.Select(f => new FailedDelivery(Delivery.MessageIdOf(f.Id), f.Channel.ToString().ToLowerInvariant(),
            Recipient(f.Channel, f.Address ?? f.Hook), f.Attempts, f.Response)).ToList()));
    }

    /// <summary>Enough of a recipient for staff to recognise it, without showing every subscriber's address.</summary>
    private static string? Recipient(Channel channel, string? address) => address is null ? null : channel switch
    {
        Channel.Email when address.IndexOf('@') is > 1 and var at => address[0] + "…" + address[at..],
        Channel.Sms when address.Length > 4 => "…" + address[^4..],
        Channel.Push => new Uri(address).Host,
        _ => address,
    };

    internal static async Task<Results<Ok<DeliveryReport>, ValidationProblem, ProblemHttpResult>> RetryAsync(int id, RetryRequest? request, WhuffieDb db,
        DeliverySignal signal, TimeProvider clock, CancellationToken ct)
    {
        Channel? channel = null;
        if (request?.Channel is { } name)
        {
            if (!Enum.TryParse<Channel>(name, ignoreCase: true, out var c)) return new Validation().Add("channel", T("Notices.ChannelInvalid")).ToProblem();
            channel = c;
        }
        if (!await db.Notices.AnyAsync(n => n.Id == id, ct)) return NotFound(db, id);
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            await DeliveryQueue.RetryFailedAsync(db, id, channel, clock.GetUtcNow().UtcDateTime, ct);
            await tx.CommitAsync(ct);
        }
        signal.WakeAll();
        return (await DeliveriesAsync(id, db, ct)).Result switch
        {
            Ok<DeliveryReport> ok => ok,
            var other => (ProblemHttpResult)other,
        };
    }

    private static ProblemHttpResult NotFound(WhuffieDb db, int id) =>
        Problems.NotFound(T("Notices.NotFound", db.Tenant.Current.Name, id.ToString(CultureInfo.InvariantCulture)));
}
