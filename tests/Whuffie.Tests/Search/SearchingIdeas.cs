using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Tests.Search;

/// <summary>
/// Full-text search in each of the five languages, on whichever database the suite runs against: the same
/// queries must find the same ideas with PostgreSQL's text search and with SQLite's FTS5 fed by our stemmers.
/// </summary>
public sealed class SearchingIdeas(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    /// <summary>An idea in the language, a query that only stemming connects to it, and one that matches nothing.</summary>
    public static TheoryData<string, string, string, string, string> Languages => new()
    {
        { "da", "Flere biblioteker i kommunen", "Der er for langt til det nærmeste bibliotek.", "bibliotekerne", "svømmehal" },
        { "sv", "Utöka öppettiderna i simhallen", "Många vill simma efter jobbet.", "öppettider", "bibliotek" },
        { "nb", "Varsle om strømbruddene på SMS", "Vi fikk ikke vite noe da strømmen gikk.", "strømbrudd", "sykkelparkering" },
        { "nl", "Ruimere openingstijd voor het zwembad", "Veel mensen werken overdag.", "openingstijden", "fietsenstalling" },
        { "en", "Longer opening hours for the libraries", "People work during the day.", "library", "swimming" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_word_finds_the_ideas_with_other_forms_of_it(string language, string title, string body, string query, string nothing)
    {
        var org = await CreateOrgAsync(language);
        var author = await app.SignUpAsync("Author");
        var number = await author.SubmitIdeaAsync(org, title, body);
        await author.SubmitIdeaAsync(org, "Something else entirely", "Unrelated words only.");

        Assert.Equal([number], await FindAsync(org, query));
        Assert.Equal([number], await FindAsync(org, title.ToUpperInvariant()));
        Assert.Equal([number], await FindAsync(org, $"\"{query}*\" ^({query}): -{query}"));
        Assert.Empty(await FindAsync(org, nothing));
        Assert.Empty(await FindAsync(org, "q"));
        Assert.Empty(await FindAsync(org, string.Concat(Enumerable.Repeat(nothing + " ", 10_000))[..10_000]));
        var stored = await app.InOrgAsync(org, db => db.Ideas.Where(i => i.Number == number).Select(i => i.Language).SingleAsync());
        Assert.Equal(language, stored);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Typing_a_title_shows_the_ideas_like_it_with_status_and_votes(string language, string title, string body, string query, string nothing)
    {
        var org = await CreateOrgAsync(language);
        var author = await app.SignUpAsync("Author");
        var number = await author.SubmitIdeaAsync(org, title, body);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignUpAsync("Voter")).VoteAsync(org, number)).StatusCode);
        await author.SubmitIdeaAsync(org, "Something else entirely", "Unrelated words only.");

        var similar = await SimilarAsync(org, query);
        Assert.Equal(number, similar[0].GetProperty("number").GetInt32());
        Assert.Equal(title, similar[0].GetProperty("title").GetString());
        Assert.Equal("open", similar[0].GetProperty("status").GetString());
        Assert.Equal(1, similar[0].GetProperty("voteCount").GetInt32());
        Assert.StartsWith($"/{org}/ideas/{number}/", similar[0].GetProperty("url").GetString());
        Assert.Single(similar);
        Assert.Empty(await SimilarAsync(org, nothing));
        Assert.Empty(await SimilarAsync(org, "q"));
        Assert.Equal(number, (await SimilarAsync(org, $"\"{query}*\" ^({query}): -{query}"))[0].GetProperty("number").GetInt32());
        Assert.NotNull(await SimilarAsync(org, string.Concat(Enumerable.Repeat(query + " ", 10_000))[..10_000]));
    }

    [Theory]
    [InlineData("da", "Cykelparkering ved hovedbiblioteket", "parkering for cykler ved biblioteket")]
    [InlineData("nb", "Strømbrudd i hele bydelen", "strøm")]
    [InlineData("sv", "Cykelställ vid stadsbiblioteket", "biblioteket cykel")]
    public async Task Word_pieces_find_compounds_that_stemming_misses(string language, string title, string typed)
    {
        var org = await CreateOrgAsync(language);
        var author = await app.SignUpAsync("Author");
        var number = await author.SubmitIdeaAsync(org, title);

        Assert.Equal(number, (await SimilarAsync(org, typed))[0].GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Similar_ideas_are_the_best_five_of_this_organization_without_merged_duplicates()
    {
        var org = await CreateOrgAsync("en");
        var other = await CreateOrgAsync("en");
        var author = await app.SignUpAsync("Author");
        var staff = await app.StaffOfAsync(org);
        var numbers = new List<int>();
        foreach (var place in new[] { "the library", "the town hall", "the swimming pool", "the school", "the station", "the park", "the museum" })
            numbers.Add(await (await app.SignUpAsync("Cyclist")).SubmitIdeaAsync(org, $"Bicycle parking at {place}"));
        var exact = await author.SubmitIdeaAsync(org, "More bicycle parking");
        await author.SubmitIdeaAsync(other, "More bicycle parking");
        Assert.Equal(HttpStatusCode.OK, (await staff.ChangeStatusAsync(org, numbers[0], "duplicate", "Same as the other one.", exact)).StatusCode);

        var similar = await SimilarAsync(org, "More bicycle parking");

        Assert.Equal(5, similar.Count);
        Assert.Equal(exact, similar[0].GetProperty("number").GetInt32());
        Assert.DoesNotContain(numbers[0], similar.Select(s => s.GetProperty("number").GetInt32()));
        var scores = similar.Select(s => s.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    /// <summary>Whatever people type: nothing breaks, and syntax characters are plain text, never query syntax.</summary>
    [Fact]
    public async Task Odd_queries_never_fail()
    {
        var org = await CreateOrgAsync("da");
        var author = await app.SignUpAsync("Author");
        var number = await author.SubmitIdeaAsync(org, "Flere biblioteker i kommunen");

        string[] odd = ["a", "å", "\"", "*", "NEAR(bibliotek kommune, 2)", "title:bibliotek", "\"bibliotek* AND (NOT OR ^-:",
            "'; DROP TABLE \"Ideas\"; --", "bibliotek\u0000kommune", "🙂 😀", new string('x', 10_000),
            string.Concat(Enumerable.Repeat("bibliotek ", 1_000)), "og i på"];
        foreach (var query in odd)
        {
            Assert.True((await FindAsync(org, query)).Count <= 1, query);
            var response = await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/similar?title={Uri.EscapeDataString(query)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query[..Math.Min(40, query.Length)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal([number], await FindAsync(org, "kommune:bibliotek*"));
        Assert.Equal([number], await FindAsync(org, "\"bibliotek* AND (NOT OR ^-:"));
        Assert.Equal([number], await FindAsync(org, string.Concat(Enumerable.Repeat("bibliotek ", 1_000))));
        Assert.Empty(await FindAsync(org, "og i på"));

        await Expect.InvalidFieldAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/similar?title={new string('x', 10_001)}"), "title");
        await Expect.InvalidFieldAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/similar"), "title");
    }

    [Fact]
    public async Task Comments_are_searched_too_and_new_ones_at_once()
    {
        var org = await CreateOrgAsync("da");
        var author = await app.SignUpAsync("Author");
        var number = await author.SubmitIdeaAsync(org, "Flere biblioteker i kommunen");
        Assert.Empty(await FindAsync(org, "svømmehallen"));

        Assert.Equal(HttpStatusCode.Created, (await author.CommentAsync(org, number, "Og gerne en svømmehal ved siden af.")).StatusCode);

        Assert.Equal([number], await FindAsync(org, "svømmehallen"));
    }

    [Fact]
    public async Task Results_rank_the_title_above_the_text_above_comments_and_take_the_lists_filters_and_sorts()
    {
        var org = await CreateOrgAsync("da");
        var staff = await app.StaffOfAsync(org);
        var inTitle = await (await app.SignUpAsync("Person A")).SubmitIdeaAsync(org, "Flere biblioteker");
        var inBody = await (await app.SignUpAsync("Person B")).SubmitIdeaAsync(org, "Cykelstativer", "Især ved biblioteket.");
        var inComment = await (await app.SignUpAsync("Person C")).SubmitIdeaAsync(org, "Kaffeautomat");
        await (await app.SignUpAsync("Person D")).SubmitIdeaAsync(org, "Svømmehal");
        Assert.Equal(HttpStatusCode.Created, (await staff.CommentAsync(org, inComment, "Den kunne stå på biblioteket.")).StatusCode);
        foreach (var voter in new[] { "Person E", "Person F" }) await (await app.SignUpAsync(voter)).VoteAsync(org, inComment);
        await (await app.SignUpAsync("Person G")).VoteAsync(org, inBody);
        Assert.Equal(HttpStatusCode.OK, (await staff.ChangeStatusAsync(org, inBody, "planned", "Vi sætter dem op i foråret.")).StatusCode);

        Assert.Equal([inTitle, inBody, inComment], await FindAsync(org, "bibliotek"));
        Assert.Equal([inComment, inBody, inTitle], await FindAsync(org, "bibliotek", "&sort=top"));
        Assert.Equal([inComment, inBody, inTitle], await FindAsync(org, "bibliotek", "&sort=new"));
        Assert.Equal([inBody], await FindAsync(org, "bibliotek", "&status=planned"));

        var client = app.CreateClient();
        var first = await Expect.JsonAsync(await client.GetAsync($"/api/v1/orgs/{org}/ideas?q=bibliotek&pageSize=2"));
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("next").ValueKind);
        var second = await Expect.JsonAsync(await client.GetAsync($"/api/v1/orgs/{org}/ideas?q=bibliotek&pageSize=2&page=2"));
        Assert.Equal([inComment], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32()));
        Assert.False(second.GetProperty("hasMore").GetBoolean());

        await Expect.InvalidFieldAsync(await client.GetAsync($"/api/v1/orgs/{org}/ideas?sort=relevance"), "sort");
        await Expect.InvalidFieldAsync(await client.GetAsync($"/api/v1/orgs/{org}/ideas?q=bibliotek&after=abc"), "after");
        await Expect.InvalidFieldAsync(await client.GetAsync($"/api/v1/orgs/{org}/ideas?q={new string('x', 10_001)}"), "q");
    }

    [Fact]
    public async Task The_search_page_marks_the_matched_words_and_marks_a_bad_query()
    {
        var org = await CreateOrgAsync("da");
        var number = await (await app.SignUpAsync("Person A")).SubmitIdeaAsync(org, "Flere biblioteker", "Det nærmeste **bibliotek** er langt væk.");
        var browser = app.Browse();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/search?q=bibliotekerne", "da")).StatusCode);
        Assert.Contains("Flere <mark>biblioteker</mark>", browser.Html);
        Assert.Contains("Det nærmeste <mark>bibliotek</mark> er langt væk.", browser.Html);
        Assert.Contains($"/{org}/ideas/{number}/", browser.Html);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/search?q=svømmehal", "da")).StatusCode);
        Assert.Contains("Ingen idé passer på det.", browser.Html);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/{org}/search?q={new string('x', 10_001)}")).StatusCode);
        Assert.Contains("aria-invalid=\"true\"", browser.Html);
        Assert.Contains("id=\"q-error\"", browser.Html);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/search")).StatusCode);
        Assert.Contains("role=\"search\"", browser.Html);
    }

    private async Task<List<JsonElement>> SimilarAsync(string org, string title)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/similar?title={Uri.EscapeDataString(title)}");
        return (await Expect.JsonAsync(response)).EnumerateArray().ToList();
    }

    private async Task<string> CreateOrgAsync(string language)
    {
        var slug = WhuffieFactory.Unique("search-" + language);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        Assert.NotNull(await OrganizationRules.CreateAsync(db, slug, "Search " + language, language, app.Now.AddDays(-30)));
        return slug;
    }

    /// <summary>The numbers the search API finds, best first.</summary>
    private async Task<List<int>> FindAsync(string org, string query, string more = "")
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas?q={Uri.EscapeDataString(query)}&pageSize=100{more}");
        var page = await Expect.JsonAsync(response);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32()).ToList();
    }
}
