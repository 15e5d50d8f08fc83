using System.Text.RegularExpressions;
using System.Xml.Linq;
using Whuffie.Tests.Notices;

namespace Whuffie.Tests;

/// <summary>
/// What feed readers rely on in our Atom feeds (the notices' and the changelog's): hostile text
/// arrives as text, entry ids never change, dates are RFC 3339 in UTC, the language and links are
/// there, and an unchanged feed answers a conditional poll with 304.
/// </summary>
public sealed class ReadingFeeds(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private const string Hostile = "Games ]]> <script>alert(1)</script> & \"more\"";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task<XElement> FeedAsync(string path) => XDocument.Parse(await app.CreateClient().GetStringAsync(path)).Root!;

    [Fact]
    public async Task A_hostile_title_reaches_a_feed_reader_as_text_and_html_content_is_escaped_not_raw()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.PublishAsync(org, Hostile, "Det er <b>lukket</b>.");
        var number = await lars.SubmitIdeaAsync(org, Hostile);
        (await lars.ChangeStatusAsync(org, number, "launched", "Done <script>x</script>.")).EnsureSuccessStatusCode();

        foreach (var path in new[] { $"/{org}/status.atom", $"/{org}/changelog.atom" })
        {
            var xml = await app.CreateClient().GetStringAsync(path);
            var parsed = await FeedParser.ParseAsync(xml);
            Assert.False(parsed.GetProperty("bozo").GetBoolean(), parsed.GetProperty("bozo_exception").GetString());
            Assert.EndsWith(Hostile, Assert.Single(parsed.GetProperty("titles").EnumerateArray()).GetString(), StringComparison.Ordinal);
            Assert.Equal(["text/html"], parsed.GetProperty("content_types").EnumerateArray().Select(t => t.GetString()));
            var entry = XDocument.Parse(xml).Root!.Element(Atom + "entry")!;
            Assert.EndsWith(Hostile, entry.Element(Atom + "title")!.Value, StringComparison.Ordinal);
            var content = entry.Element(Atom + "content")!;
            Assert.Equal("html", content.Attribute("type")!.Value);
            Assert.False(content.HasElements, "HTML travels escaped inside type=\"html\", never as raw markup.");
            Assert.DoesNotContain("<script", xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Entry_ids_and_the_feed_id_stay_the_same_across_fetches_and_new_entries()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var id = (await lars.PublishAsync(org, "Vandet er lukket", "Hele Søborg.")).GetProperty("id").GetInt32();
        var before = await FeedAsync($"/{org}/status.atom");
        await lars.PostUpdateAsync(org, id, "Åbnet igen.", resolve: true);
        var after = await FeedAsync($"/{org}/status.atom");

        Assert.Equal($"{Site(before)}/{org}/status.atom", before.Element(Atom + "id")!.Value);
        Assert.Equal(before.Element(Atom + "id")!.Value, after.Element(Atom + "id")!.Value);
        var first = Assert.Single(Ids(before));
        Assert.Matches($"^{Regex.Escape(Site(before))}/{org}/status/{id}#update-[0-9]+$", first);
        Assert.Equal(2, Ids(after).Count);
        Assert.Equal(first, Ids(after)[1]);
    }

    [Fact]
    public async Task Feeds_carry_the_language_the_links_and_dates_in_utc_and_nothing_else()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var id = (await lars.PublishAsync(org, "Planlagt arbejde", "Natten til fredag.", "gladsaxe")).GetProperty("id").GetInt32();
        var notice = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notices/{id}");
        var created = notice.GetProperty("updates")[0].GetProperty("createdAt").GetDateTime().ToUniversalTime();
        var stamp = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var feed = await FeedAsync($"/{org}/status/gladsaxe.atom");
        var site = Site(feed);
        Assert.Equal("da", feed.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal(stamp, feed.Element(Atom + "updated")!.Value);
        var entry = feed.Element(Atom + "entry")!;
        Assert.Equal(stamp, entry.Element(Atom + "updated")!.Value);
        Assert.Equal(stamp, entry.Element(Atom + "published")!.Value);
        Assert.Equal($"{site}/{org}/status/gladsaxe.atom", Link(feed, "self"));
        Assert.Equal($"{site}/{org}/status", Link(feed, "alternate"));
        Assert.Null(Link(feed, "hub"));
        Assert.Equal($"{site}/{org}/status/{id}", Link(entry, "alternate"));

        // Only Atom's own elements, no prefixed copies (a10:) and no empty text elements.
        Assert.All(feed.DescendantsAndSelf(), e => Assert.Equal(Atom, e.Name.Namespace));
        Assert.DoesNotContain(feed.DescendantsAndSelf().Attributes(), a => a.IsNamespaceDeclaration && a.Name.LocalName != "xmlns");
        Assert.All(feed.Descendants().Where(e => !e.HasElements && e.Name.LocalName is not ("link" or "category")), e => Assert.NotEmpty(e.Value));
        var parsed = await FeedParser.ParseAsync(feed.ToString());
        Assert.Equal("da", parsed.GetProperty("language").GetString());
    }

    [Fact]
    public async Task An_unchanged_feed_answers_a_conditional_poll_with_304_and_a_changed_one_in_full()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var id = (await lars.PublishAsync(org, "Vandet er lukket", "Hele Søborg.")).GetProperty("id").GetInt32();
        var client = app.CreateClient();
        foreach (var path in new[] { $"/{org}/status.atom", $"/{org}/changelog.atom" })
        {
            using var first = await client.GetAsync(path);
            var tag = first.Headers.ETag ?? throw new InvalidOperationException($"{path} has no ETag.");
            using var poll = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { tag } } };
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(poll)).StatusCode);
        }

        using var before = await client.GetAsync($"/{org}/status.atom");
        await lars.PostUpdateAsync(org, id, "Åbnet igen.", resolve: true);
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/{org}/status.atom") { Headers = { IfNoneMatch = { before.Headers.ETag! } } };
        using var answer = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEqual(before.Headers.ETag, answer.Headers.ETag);
    }

    private static List<string> Ids(XElement feed) => feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();

    private static string? Link(XElement parent, string rel) =>
        parent.Elements(Atom + "link").FirstOrDefault(l => l.Attribute("rel")?.Value == rel)?.Attribute("href")?.Value;

    // The site's address as the feed names it, from its alternate link.
    private static string Site(XElement feed) => new Uri(Link(feed, "alternate")!).GetLeftPart(UriPartial.Authority);
}
