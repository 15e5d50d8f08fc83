using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>One of a person's subscriptions as their profile shows it. Address: the email, the phone masked, null for push.</summary>
public sealed record MySubscriptionDto(long Id, string Org, string OrgName, string Channel, string? Address, bool Confirmed, bool AllTopics, List<TopicDto> Topics);
public sealed record ChangeTopicsRequest(List<string?>? Topics);

/// <summary>
/// A person's notice subscriptions in every organization, on /me and under /api/v1/me (issue 7:
/// "people with accounts manage it from their profile"). Like memberships, a deliberate read
/// across tenants, always narrowed to the signed-in person's own rows: someone else's is a 404.
/// </summary>
public static class MySubscriptionsApi
{
    public static void MapMySubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/me/notice-subscriptions").WithTags("Notices").RequireAuthorization()
            .AddEndpointFilter((context, next) =>
            {
                PageCache.ChangesNoPage(context.HttpContext);
                return next(context);
            });
        mine.MapGet("", ListAsync);
        mine.MapPut("/{id:long}", (long id, ChangeTopicsRequest request, ClaimsPrincipal user, WhuffieDb db, CancellationToken ct) =>
            ChangeTopicsAsync(id, request, required: true, user, db, ct));
        // PATCH is a merge: no topics named means nothing to change.
        mine.MapPatch("/{id:long}", (long id, ChangeTopicsRequest request, ClaimsPrincipal user, WhuffieDb db, CancellationToken ct) =>
            ChangeTopicsAsync(id, request, required: false, user, db, ct));
        mine.MapDelete("/{id:long}", RemoveAsync);
    }

    internal static async Task<Ok<List<MySubscriptionDto>>> ListAsync(ClaimsPrincipal user, WhuffieDb db, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, user.UserId() ?? 0, id: null, ct));

    internal static async Task<Results<Ok<MySubscriptionDto>, ValidationProblem, ProblemHttpResult>> ChangeTopicsAsync(long id, ChangeTopicsRequest request,
        bool required, ClaimsPrincipal user, WhuffieDb db, CancellationToken ct)
    {
        var me = user.UserId() ?? 0;
        var sub = await Mine(db, me).Include(s => s.Topics).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null) return Problems.NotFound(T("Notices.SubscriptionNotFound"));
        if (request.Topics is null)
            return required ? new Validation().Add("topics", T("Notices.TopicsRequired")).ToProblem() : TypedResults.Ok((await ReadAsync(db, me, id, ct))[0]);

        var validation = new Validation();
        var slugs = request.Topics.Select(t => (t ?? "").Trim().ToLowerInvariant()).Distinct().ToList();
        // The topics of the subscription's own organization; /me works in no tenant.
        var topics = await db.NoticeTopics.IgnoreQueryFilters([WhuffieDb.TenantFilter])
            .Where(t => t.OrganizationId == sub.OrganizationId && slugs.Contains(t.Slug)).ToListAsync(ct);
        foreach (var unknown in slugs.Except(topics.Select(t => t.Slug))) validation.Add("topics", T("Notices.TopicUnknown", unknown));
        if (!validation.IsValid) return validation.ToProblem();

        await using (var tx = await db.BeginWriteAsync(ct))
        {
            sub.AllTopics = topics.Count == 0;
            sub.Topics = topics.Select(t => new SubscriptionTopic { TopicId = t.Id, OrganizationId = sub.OrganizationId }).ToList();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok((await ReadAsync(db, me, id, ct))[0]);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, ClaimsPrincipal user, WhuffieDb db, CancellationToken ct)
    {
        if (!await Mine(db, user.UserId() ?? 0).AnyAsync(s => s.Id == id, ct)) return Problems.NotFound(T("Notices.SubscriptionNotFound"));
        await SubscriptionsApi.RemoveAsync(db, id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The topics a person can choose from in each organization they subscribe in, for the profile's forms.</summary>
    public static async Task<Dictionary<string, List<TopicDto>>> TopicsByOrgAsync(WhuffieDb db, IEnumerable<string> orgs, CancellationToken ct)
    {
        var slugs = orgs.Distinct().ToList();
        var topics = await db.NoticeTopics.IgnoreQueryFilters([WhuffieDb.TenantFilter]).AsNoTracking()
            .Join(db.Organizations.Where(o => slugs.Contains(o.Slug)), t => t.OrganizationId, o => o.Id, (t, o) => new { Org = o.Slug, t.Slug, t.Name })
            .ToListAsync(ct);
        return topics.GroupBy(t => t.Org).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new TopicDto(t.Slug, t.Name)).ToList());
    }

    public static async Task<List<MySubscriptionDto>> ReadAsync(WhuffieDb db, int me, long? id, CancellationToken ct)
    {
        var rows = await Mine(db, me).AsNoTracking().Where(s => id == null || s.Id == id)
            .Join(db.Organizations, s => s.OrganizationId, o => o.Id, (s, o) => new { s.Id, Org = o.Slug, OrgName = o.Name, s.Channel, s.Address, s.ConfirmedAt, s.AllTopics })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var chosen = await db.SubscriptionTopics.IgnoreQueryFilters([WhuffieDb.TenantFilter]).AsNoTracking().Where(t => ids.Contains(t.SubscriptionId))
            .Join(db.NoticeTopics.IgnoreQueryFilters([WhuffieDb.TenantFilter]), st => st.TopicId, t => t.Id, (st, t) => new { st.SubscriptionId, t.Slug, t.Name })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.OrgName, StringComparer.CurrentCulture).ThenBy(r => r.Channel).ThenBy(r => r.Address, StringComparer.Ordinal)
            .Select(r => new MySubscriptionDto(r.Id, r.Org, r.OrgName, r.Channel.ToString().ToLowerInvariant(), Shown(r.Channel, r.Address), r.ConfirmedAt is not null,
                // A subscription whose every chosen topic was deleted hears nothing, not everything: say so by its empty list.
                r.AllTopics,
                chosen.Where(t => t.SubscriptionId == r.Id).OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new TopicDto(t.Slug, t.Name)).ToList()))
            .ToList();
    }

    private static IQueryable<NoticeSubscription> Mine(WhuffieDb db, int me) =>
        db.NoticeSubscriptions.IgnoreQueryFilters([WhuffieDb.TenantFilter]).Where(s => s.UserId == me);

    /// <summary>
    /// A push endpoint is the browser's secret, and a full phone number on a screen can be read
    /// over a shoulder; the person knows which one it is from the last digits.
    /// </summary>
    private static string? Shown(Channel channel, string address) => channel switch
    {
        Channel.Push => null,
        Channel.Sms when address.Length > 6 => address[..3] + new string('•', address.Length - 6) + address[^3..],
        _ => address,
    };
}
