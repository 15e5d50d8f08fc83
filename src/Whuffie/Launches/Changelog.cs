using System.ServiceModel.Syndication;
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
        app.MapGet("/{org}/changelog.atom", async (string org, WhuffieDb db, OrganizationDirectory directory, IConfiguration config, CancellationToken ct) =>
        {
            if (await directory.FindAsync(db, org, ct) is not { } found) return Results.NotFound();
            db.Tenant.Enter(found);
            var entries = await LatestAsync(db, ct);
            return AtomFeed.Answer(Feed(found, entries, config.SiteUrl()));
        }).ExcludeFromDescription();

    private static SyndicationFeed Feed(Organization org, List<ChangelogEntry> entries, string site)
    {
        using var _ = Languages.Speak(org.DefaultLanguage);
        return new SyndicationFeed
        {
            Id = $"{site}/{org.Slug}/changelog",
            Title = new TextSyndicationContent(T("Changelog.FeedTitle", org.Name)),
            LastUpdatedTime = AtomFeed.Utc(entries.Count > 0 ? entries.Max(e => e.LaunchedAt) : org.CreatedAt),
            Language = org.DefaultLanguage,
            Authors = { new SyndicationPerson { Name = org.Name } },
            Links = { AtomFeed.Link($"{site}/{org.Slug}/changelog.atom", "self", "application/atom+xml"), AtomFeed.Link($"{site}/{org.Slug}/changelog", "alternate", "text/html") },
            Items = entries.Select(entry =>
            {
                var item = new SyndicationItem
                {
                    // The idea's address without its title slug: stable even if the title is edited.
                    Id = $"{site}/{org.Slug}/ideas/{entry.Number}#launched",
                    Title = new TextSyndicationContent(entry.Title),
                    LastUpdatedTime = AtomFeed.Utc(entry.LaunchedAt),
                    Links = { AtomFeed.Link(site + entry.Url, "alternate", "text/html") },
                    // The person whose idea it was is the entry's author: the credit, in the feed's own terms.
                    Authors = { new SyndicationPerson { Name = entry.AuthorName } },
                    Content = new TextSyndicationContent(entry.AnswerHtml + Paragraph(entry.CreditLine)
                        + (entry.Credits.NamedAfter is { } named ? Paragraph(named) : "")
                        + Paragraph(T("Helped.Summary", entry.Yes, entry.Partly, entry.No)), TextSyndicationContentKind.Html),
                };
                foreach (var person in entry.Credits.CoContributors) item.Contributors.Add(new SyndicationPerson { Name = person.DisplayName });
                return item;
            }).ToList(),
        };
    }

    private static string Paragraph(string text) => $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>";
}
