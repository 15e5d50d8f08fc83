using System.Globalization;
using System.Xml;
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
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Url(string site, string org, string? topic) =>
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
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, org.DefaultLanguage);
            var self = Url(site, org.Slug, topic?.Slug);
            xml.WriteElementString("id", Atom, self);
            xml.WriteElementString("title", Atom, topic is null ? T("Notices.FeedTitle", org.Name) : T("Notices.TopicFeedTitle", org.Name, topic.Name));
            xml.WriteElementString("updated", Atom, Stamp(updates.Count > 0 ? updates.Max(u => u.Update.CreatedAt) : org.CreatedAt));
            Link(xml, "self", self, "application/atom+xml");
            Link(xml, "alternate", $"{site}/{org.Slug}/status", "text/html");
            if (!string.IsNullOrEmpty(hub)) Link(xml, "hub", hub, null);
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, org.Name);
            xml.WriteEndElement();
            foreach (var x in updates)
            {
                var (u, n) = (x.Update, x.Notice);
                var title = u.Resolves ? T("Notices.Resolved", n.Title) : firsts.Contains(u.Id) ? $"{T($"Notices.Severity.{n.Severity}")}: {n.Title}" : T("Notices.Update", n.Title);
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"{site}/{org.Slug}/status/{n.Id}#update-{u.Id}");
                xml.WriteElementString("title", Atom, title);
                xml.WriteElementString("updated", Atom, Stamp(u.CreatedAt));
                xml.WriteElementString("published", Atom, Stamp(u.CreatedAt));
                Link(xml, "alternate", $"{site}/{org.Slug}/status/{n.Id}", "text/html");
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", n.Severity.ToString().ToLowerInvariant());
                xml.WriteEndElement();
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(Markdown.ToHtml(u.Body));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return Results.Bytes(stream.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter xml, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        if (type is not null) xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
