using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Web;

namespace Whuffie.Following;

/// <summary>A notification as the list shows it, with where it leads.</summary>
public sealed record NotificationRow(NotificationKind Kind, string OrgName, string Url, string IdeaTitle, string ActorName,
    IdeaStatus? Status, string Excerpt, bool Credited, DateTime CreatedAt, bool Unread);

/// <summary>The bell's list: what happened to the ideas a person follows, in every organization, newest first. Seeing it marks it read.</summary>
[Authorize]
public sealed class BellPageModel(WhuffieDb db, TimeProvider clock) : FormPage
{
    private const int Shown = 50;

    public List<NotificationRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId()!.Value;
        // The person's own rows across organizations: the one place the tenant filter is lifted on purpose.
        var rows = await db.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.UserId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown)
            .Join(db.Ideas.IgnoreQueryFilters(), n => n.IdeaId, i => i.Id, (n, i) => new { n, i.Number, i.Title, i.OrganizationId })
            .Join(db.Organizations, x => x.OrganizationId, o => o.Id, (x, o) => new { x.n, x.Number, x.Title, o.Slug, o.Name })
            .ToListAsync(ct);
        Items = rows.OrderByDescending(r => r.n.CreatedAt).ThenByDescending(r => r.n.Id)
            .Select(r => new NotificationRow(r.n.Kind, r.Name, IdeaRow.IdeaUrl(r.Slug, r.Number, r.Title), r.Title, r.n.ActorName,
                r.n.Status, r.n.Excerpt, r.n.Credited, r.n.CreatedAt, r.n.ReadAt is null)).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.IgnoreQueryFilters().Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>The bell's number: unread notifications of the signed-in person (0 when signed out).</summary>
    public static Task<int> UnreadAsync(HttpContext http)
    {
        if (http.User.UserId() is not { } me) return Task.FromResult(0);
        var db = http.RequestServices.GetRequiredService<WhuffieDb>();
        return db.Notifications.IgnoreQueryFilters().CountAsync(n => n.UserId == me && n.ReadAt == null, http.RequestAborted);
    }
}
