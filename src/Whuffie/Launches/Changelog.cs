using System.Xml;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Launches;

/// <summary>One launched idea as the changelog shows it: the launch note, whose idea it was, and whether it helped.</summary>
public sealed record ChangelogEntry(int Number, string Title, string Url, string AuthorName, DateTime LaunchedAt,
    string AnswerHtml, int Yes, int Partly, int No, CreditsDto Credits)
{
    /// <summary>"Idea by Sofie" or "Idea by Sofie, with Bo and Carl".</summary>
    public string CreditLine => Credits.WithNames is { } with ? T("Changelog.CreditWith", AuthorName, with) : T("Changelog.Credit", AuthorName);
}

/// <summary>
/// What an organization carried out, newest first, each launch crediting the person whose idea
/// it was: the changelog page and its Atom feed (RFC 4287), from one query.
/// </summary>
public static class Changelog
{
    public const int Shown = 50;

    public static async Task<List<ChangelogEntry>> LatestAsync(WhuffieDb db, CancellationToken ct)
    {
        var org = db.Tenant.Current.Slug;
        var launches = await db.Ideas.AsNoTracking().Where(i => i.Status == IdeaStatus.Launched)
            .Select(i => new
            {
                i.Id,
                i.Number,
                i.Title,
                i.AuthorId,
                i.NamedAfter,
                Author = i.Author!.DisplayName,
                Launch = db.StatusChanges.Where(s => s.IdeaId == i.Id && s.To == IdeaStatus.Launched)
                    .OrderByDescending(s => s.At).Select(s => new { s.At, s.AnswerHtml }).First(),
            })
            .OrderByDescending(x => x.Launch.At).ThenByDescending(x => x.Number).Take(Shown).ToListAsync(ct);
        var ids = launches.Select(l => l.Id).ToList();
        var help = await db.HelpAnswers.AsNoTracking().Where(h => ids.Contains(h.IdeaId))
            .GroupBy(h => new { h.IdeaId, h.Answer }).Select(g => new { g.Key.IdeaId, g.Key.Answer, Count = g.Count() }).ToListAsync(ct);
        int Count(int ideaId, Helped answer) => help.FirstOrDefault(h => h.IdeaId == ideaId && h.Answer == answer)?.Count ?? 0;
        var co = await db.CoContributors.AsNoTracking().Where(c => ids.Contains(c.IdeaId))
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.IdeaId, User = new UserRef(u.Id, u.DisplayName) }).ToListAsync(ct);
        CreditsDto CreditsOf(int ideaId, int authorId, string author, string? namedAfter) => new(new UserRef(authorId, author),
            co.Where(c => c.IdeaId == ideaId).Select(c => c.User).OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ToList(), namedAfter);
        return launches.Select(l => new ChangelogEntry(l.Number, l.Title, IdeaRow.IdeaUrl(org, l.Number, l.Title), l.Author, l.Launch.At,
            l.Launch.AnswerHtml, Count(l.Id, Helped.Yes), Count(l.Id, Helped.Partly), Count(l.Id, Helped.No),
            CreditsOf(l.Id, l.AuthorId, l.Author, l.NamedAfter))).ToList();
    }

    /// <summary>GET /{org}/changelog.atom: the changelog for feed readers, in the organization's language.</summary>
    public static void MapChangelogFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/{org}/changelog.atom", async (string org, HttpContext http, WhuffieDb db, OrganizationDirectory directory, IConfiguration config, CancellationToken ct) =>
        {
            if (await directory.FindAsync(db, org, ct) is not { } found) return Results.NotFound();
            db.Tenant.Enter(found);
            var entries = await LatestAsync(db, ct);
            var feed = Write(found, entries, config.SiteUrl(), found.CreatedAt);
            return Results.Bytes(feed, "application/atom+xml; charset=utf-8");
        }).ExcludeFromDescription();

    private static byte[] Write(Organization org, List<ChangelogEntry> entries, string site, DateTime created)
    {
        using var _ = Languages.Speak(org.DefaultLanguage);
        const string Atom = "http://www.w3.org/2005/Atom";
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true, Async = false }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, org.DefaultLanguage);
            xml.WriteElementString("id", Atom, $"{site}/{org.Slug}/changelog");
            xml.WriteElementString("title", Atom, T("Changelog.FeedTitle", org.Name));
            xml.WriteElementString("updated", Atom, Stamp(entries.Count > 0 ? entries.Max(e => e.LaunchedAt) : created));
            Link(xml, "self", $"{site}/{org.Slug}/changelog.atom", "application/atom+xml");
            Link(xml, "alternate", $"{site}/{org.Slug}/changelog", "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, org.Name);
            xml.WriteEndElement();
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", Atom);
                // The idea's address without its title slug: stable even if the title is edited.
                xml.WriteElementString("id", Atom, $"{site}/{org.Slug}/ideas/{entry.Number}#launched");
                xml.WriteElementString("title", Atom, entry.Title);
                xml.WriteElementString("updated", Atom, Stamp(entry.LaunchedAt));
                Link(xml, "alternate", site + entry.Url, "text/html");
                // The person whose idea it was is the entry's author: the credit, in the feed's own terms.
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, entry.AuthorName);
                xml.WriteEndElement();
                foreach (var person in entry.Credits.CoContributors)
                {
                    xml.WriteStartElement("contributor", Atom);
                    xml.WriteElementString("name", Atom, person.DisplayName);
                    xml.WriteEndElement();
                }
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(entry.AnswerHtml + $"<p>{System.Net.WebUtility.HtmlEncode(entry.CreditLine)}</p>"
                    + (entry.Credits.NamedAfter is { } named ? $"<p>{System.Net.WebUtility.HtmlEncode(named)}</p>" : "")
                    + $"<p>{System.Net.WebUtility.HtmlEncode(T("Helped.Summary", entry.Yes, entry.Partly, entry.No))}</p>");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>RFC 3339 in UTC, as Atom's date constructs want.</summary>
    private static string Stamp(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
