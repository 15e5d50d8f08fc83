using System.ServiceModel.Syndication;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Notices;

/// <summary>
/// The notices as Atom feeds (RFC 4287), the organization's and one per topic: one entry per
/// update, so a feed reader shows each change as news. With a WebSub hub configured, the feed
/// names it (rel="hub") and the WebSub channel pings it on every update.
/// </summary>
public static class NoticeFeed
{
    /// <summary>
    /// The feed's address as its self link carries it (System.Uri's spelling), which WebSub pings
    /// must name byte for byte: a hub matches topics as strings.
    /// </summary>
    public static string Url(string site, string org, string? topic) => new Uri(Address(site, org, topic)).AbsoluteUri;

    // The feed's id: the address as first written, even where System.Uri would spell it otherwise
    // (an upper-case host in Site:Url), so it never changes under a reader.
    private static string Address(string site, string org, string? topic) =>
        topic is null ? $"{site}/{org}/status.atom" : $"{site}/{org}/status/{topic}.atom";

    public static void MapNoticeFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{org}/status.atom", (string org, HttpContext http, CancellationToken ct) => FeedAsync(org, null, http, ct)).ExcludeFromDescription();
        app.MapGet("/{org}/status/{topic}.atom", (string org, string topic, HttpContext http, CancellationToken ct) => FeedAsync(org, topic, http, ct)).ExcludeFromDescription();
    }

    private static async Task<IResult> FeedAsync(string slug, string? topicSlug, HttpContext http, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<WhuffieDb>();
        if (await http.RequestServices.GetRequiredService<OrganizationDirectory>().FindAsync(db, slug, ct) is not { } org) return Results.NotFound();
        db.Tenant.Enter(org);
        NoticeTopic? topic = null;
        if (topicSlug is not null && (topic = await db.NoticeTopics.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == topicSlug.ToLowerInvariant(), ct)) is null)
            return Results.NotFound();
        var notices = db.Notices.AsNoTracking();
        if (topic is not null) notices = notices.Where(n => n.Topics.Any(t => t.TopicId == topic.Id));
        var updates = await db.NoticeUpdates.AsNoTracking().Join(notices, u => u.NoticeId, n => n.Id, (u, n) => new { Update = u, Notice = n })
            .OrderByDescending(x => x.Update.Id).Take(50).ToListAsync(ct);
        var firsts = await db.NoticeUpdates.GroupBy(u => u.NoticeId).Select(g => g.Min(u => u.Id)).ToListAsync(ct);
        var hub = await db.ChannelSettings.Select(s => s.WebSubHub).FirstOrDefaultAsync(ct);
        var site = http.RequestServices.GetRequiredService<IConfiguration>().SiteUrl();

        using var _ = Languages.Speak(org.DefaultLanguage);
        var feed = new SyndicationFeed
        {
            Id = Address(site, org.Slug, topic?.Slug),
            Title = new TextSyndicationContent(topic is null ? T("Notices.FeedTitle", org.Name) : T("Notices.TopicFeedTitle", org.Name, topic.Name)),
            LastUpdatedTime = AtomFeed.Utc(updates.Count > 0 ? updates.Max(u => u.Update.CreatedAt) : org.CreatedAt),
            Language = org.DefaultLanguage,
            Authors = { new SyndicationPerson { Name = org.Name } },
            Links = { AtomFeed.Link(Url(site, org.Slug, topic?.Slug), "self", "application/atom+xml"), AtomFeed.Link($"{site}/{org.Slug}/status", "alternate", "text/html") },
        };
        if (!string.IsNullOrEmpty(hub)) feed.Links.Add(AtomFeed.Link(hub, "hub", null));
        feed.Items = updates.Select(x =>
        {
            var (u, n) = (x.Update, x.Notice);
            var title = u.Resolves ? T("Notices.Resolved", n.Title) : firsts.Contains(u.Id) ? $"{T($"Notices.Severity.{n.Severity}")}: {n.Title}" : T("Notices.Update", n.Title);
            return new SyndicationItem
            {
                Id = $"{site}/{org.Slug}/status/{n.Id}#update-{u.Id}",
                Title = new TextSyndicationContent(title),
                LastUpdatedTime = AtomFeed.Utc(u.CreatedAt),
                PublishDate = AtomFeed.Utc(u.CreatedAt),
                Content = new TextSyndicationContent(Markdown.ToHtml(u.Body), TextSyndicationContentKind.Html),
                Categories = { new SyndicationCategory(n.Severity.ToString().ToLowerInvariant()) },
                Links = { AtomFeed.Link($"{site}/{org.Slug}/status/{n.Id}", "alternate", "text/html") },
            };
        }).ToList();
        return AtomFeed.Answer(feed);
    }
}
