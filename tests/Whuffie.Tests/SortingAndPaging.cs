using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Whuffie.Ideas;

namespace Whuffie.Tests;

public sealed partial class SortingAndPaging(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private sealed record Seeded(int Number, int Votes, int Comments, double Trend, IdeaStatus Status);

    /// <summary>
    /// Ideas written straight into the database with the counts a test needs (the API allows five
    /// ideas a day and counts come from real votes): many ties, so the number must break them.
    /// </summary>
    private async Task<(string Org, List<Seeded> Ideas)> SeedAsync(int count, Func<int, IdeaStatus>? status = null)
    {
        var org = await app.CreateOrgAsync();
        var author = await app.SignUpAsync("Sofie");
        // Three distinct scores, one of them not exactly representable in decimal text.
        double[] scores = [1.0 / 3, Trending.Weight(1, new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc)), 2.5];
        var seeded = Enumerable.Range(1, count)
            .Select(n => new Seeded(n, n % 3, n % 4, scores[n % 3], status?.Invoke(n) ?? IdeaStatus.Open)).ToList();
        await app.InOrgAsync(org, async db =>
        {
            var at = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
            db.Ideas.AddRange(seeded.Select(s => new Idea
            {
                Number = s.Number,
                Title = $"Idea {s.Number}",
                AuthorId = author.Id,
                Status = s.Status,
                VoteCount = s.Votes,
                CommentCount = s.Comments,
                TrendScore = s.Trend,
                CreatedAt = at,
                UpdatedAt = at,
            }));
            (await db.Organizations.SingleAsync(o => o.Slug == org)).LastIdeaNumber = count;
            return await db.SaveChangesAsync();
        });
        return (org, seeded);
    }

    private static List<int> Expected(IEnumerable<Seeded> ideas, string sort) => (sort switch
    {
        "top" => ideas.OrderByDescending(i => i.Votes).ThenByDescending(i => i.Number),
        "discussed" => ideas.OrderByDescending(i => i.Comments).ThenByDescending(i => i.Number),
        "trending" => ideas.OrderByDescending(i => i.Trend).ThenByDescending(i => i.Number),
        _ => ideas.OrderByDescending(i => i.Number),
    }).Select(i => i.Number).ToList();

    private async Task<JsonElement> ListAsync(string org, string query) =>
        await Expect.JsonAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas?{query}"));

    private static List<int> Numbers(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32()).ToList();

    private static string? Cursor(JsonElement page, string name) => page.GetProperty(name).GetString();

    [Theory]
    [InlineData("top")]
    [InlineData("new")]
    [InlineData("discussed")]
    [InlineData("trending")]
    public async Task Each_sort_orders_by_its_key_and_breaks_ties_by_the_newest(string sort)
    {
        var (org, ideas) = await SeedAsync(12);

        Assert.Equal(Expected(ideas, sort), Numbers(await ListAsync(org, $"sort={sort}&pageSize=100")));
    }

    [Theory]
    [InlineData("top")]
    [InlineData("new")]
    [InlineData("discussed")]
    [InlineData("trending")]
    public async Task Walking_the_pages_after_and_back_before_shows_every_idea_once_in_order(string sort)
    {
        var (org, ideas) = await SeedAsync(23);
        var expected = Expected(ideas, sort);

        var first = await ListAsync(org, $"sort={sort}&pageSize=5");
        Assert.Null(Cursor(first, "previous"));
        var forward = Numbers(first);
        var page = first;
        while (Cursor(page, "next") is { } next)
        {
            page = await ListAsync(org, $"sort={sort}&pageSize=5&after={next}");
            Assert.Null(page.GetProperty("page").GetString());
            forward.AddRange(Numbers(page));
        }
        Assert.Equal(expected, forward);
        Assert.False(page.GetProperty("hasMore").GetBoolean());

        var backward = Numbers(page);
        while (Cursor(page, "previous") is { } previous)
        {
            page = await ListAsync(org, $"sort={sort}&pageSize=5&before={previous}");
            Assert.Equal(5, Numbers(page).Count);
            backward.InsertRange(0, Numbers(page));
        }
        Assert.Equal(expected, backward);
    }

    [Fact]
    public async Task A_filter_and_a_cursor_page_together()
    {
        var (org, ideas) = await SeedAsync(20, n => n % 2 == 0 ? IdeaStatus.Planned : IdeaStatus.Open);
        var planned = Expected(ideas.Where(i => i.Status == IdeaStatus.Planned), "top");

        var first = await ListAsync(org, "status=planned&sort=top&pageSize=4");
        var second = await ListAsync(org, $"status=planned&sort=top&pageSize=4&after={Cursor(first, "next")}");

        Assert.Equal(planned[..8], [.. Numbers(first), .. Numbers(second)]);
    }

    [Fact]
    public async Task A_vote_between_two_pages_neither_repeats_nor_skips_the_ideas_that_stayed_put()
    {
        var (org, _) = await SeedAsync(9);
        // Top: votes n % 3 → 8, 5, 2 (2 votes) | 7, 4, 1 (1 vote) | 9, 6, 3 (none).
        var first = await ListAsync(org, "sort=top&pageSize=3");
        Assert.Equal([8, 5, 2], Numbers(first));

        // #3, from the last page, climbs to the top while someone reads the first page.
        foreach (var voter in await Task.WhenAll(Enumerable.Range(0, 3).Select(i => app.SignUpAsync($"Voter {i}"))))
            (await voter.VoteAsync(org, 3)).EnsureSuccessStatusCode();

        // An offset would now show #2 a second time (everything slid down one place)…
        Assert.Equal([2, 7, 4], Numbers(await ListAsync(org, "sort=top&pageSize=3&page=2")));
        // …the cursor goes on from where the reader was.
        var second = await ListAsync(org, $"sort=top&pageSize=3&after={Cursor(first, "next")}");
        Assert.Equal([7, 4, 1], Numbers(second));
        Assert.Equal([9, 6], Numbers(await ListAsync(org, $"sort=top&pageSize=3&after={Cursor(second, "next")}")));
    }

    [Fact]
    public async Task The_offset_page_still_works_and_hands_out_cursors()
    {
        var (org, ideas) = await SeedAsync(7);

        var second = await ListAsync(org, "sort=new&pageSize=3&page=2");

        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal([4, 3, 2], Numbers(second));
        Assert.Equal([1], Numbers(await ListAsync(org, $"sort=new&pageSize=3&after={Cursor(second, "next")}")));
        Assert.Equal([7, 6, 5], Numbers(await ListAsync(org, $"sort=new&pageSize=3&before={Cursor(second, "previous")}")));
        Assert.Equal(Expected(ideas, "new")[..3], Numbers(await ListAsync(org, "sort=new&pageSize=3")));
    }

    [Theory]
    [InlineData("after=nonsense", "after")]
    [InlineData("after=", "after")]
    [InlineData("after=AAAAAAAAAAAAAAAAAA", "after")]
    [InlineData("after=dAAAAAAAAAAAAAAAAA&after=dAAAAAAAAAAAAAAAAA", "after")]
    [InlineData("before=%27%3B--", "before")]
    [InlineData("after=dAAAAAAAAAAAAAAAAB&sort=top", "after")]
    [InlineData("page=2&after={top}", "page")]
    [InlineData("after={top}&before={top}", "before")]
    [InlineData("sort=new&after={top}", "after")]
    [InlineData("sort=trending&after=cn_4AAAAAAAAAAAAAA", "after")]
    public async Task A_cursor_that_is_not_ours_or_is_another_sorts_is_a_400(string query, string field)
    {
        var (org, _) = await SeedAsync(3);
        var top = Cursor(await ListAsync(org, "sort=top&pageSize=1"), "next")!;

        await Expect.InvalidFieldAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas?{query.Replace("{top}", top)}"), field);
    }

    [Fact]
    public async Task The_pages_next_and_previous_links_use_cursors_and_keep_the_filters()
    {
        var (org, ideas) = await SeedAsync(10, n => n % 2 == 0 ? IdeaStatus.Planned : IdeaStatus.Open);
        var planned = Expected(ideas.Where(i => i.Status == IdeaStatus.Planned), "discussed");
        var browser = app.Browse();

        await browser.GetAsync($"/{org}?status=planned&sort=discussed&pageSize=2");
        Assert.Equal(planned[..2], Listed(browser.Html, org));
        Assert.Null(Link(browser.Html, "prev"));
        var next = Link(browser.Html, "next")!;
        Assert.Contains("status=planned", next);
        Assert.Contains("sort=discussed", next);
        Assert.Contains("after=", next);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(next)).StatusCode);
        Assert.Equal(planned[2..4], Listed(browser.Html, org));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Link(browser.Html, "prev")!)).StatusCode);
        Assert.Equal(planned[..2], Listed(browser.Html, org));
    }

    [Fact]
    public async Task A_bad_cursor_on_the_page_is_said_and_the_plain_list_shown()
    {
        var (org, ideas) = await SeedAsync(3);
        var browser = app.Browse();

        var response = await browser.GetAsync($"/{org}?after=nonsense&sort=new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", browser.Html);
        Assert.Equal(Expected(ideas, "top"), Listed(browser.Html, org));
    }

    private static List<int> Listed(string html, string org) =>
        IdeaLink().Matches(html).Where(m => m.Groups[1].Value == org).Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static string? Link(string html, string rel) =>
        Regex.Match(html, $"<a rel=\"{rel}\" href=\"([^\"]+)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<h3><a href=\"/([^/\"]+)/ideas/(\\d+)/")]
    private static partial Regex IdeaLink();
}
