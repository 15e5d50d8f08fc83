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
        Assert.Empty(await FindAsync(org, nothing));
        var stored = await app.InOrgAsync(org, db => db.Ideas.Where(i => i.Number == number).Select(i => i.Language).SingleAsync());
        Assert.Equal(language, stored);
    }

    private async Task<string> CreateOrgAsync(string language)
    {
        var slug = WhuffieFactory.Unique("search-" + language);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        Assert.NotNull(await OrganizationRules.CreateAsync(db, slug, "Search " + language, language, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
        return slug;
    }

    private Task<List<int>> FindAsync(string org, string query) => app.InOrgAsync(org, async db =>
    {
        var ids = await Whuffie.Search.IdeaSearch.MatchAsync(db, Whuffie.Search.SearchQuery.Parse(query, db.Tenant.Current.WritingLanguages), 50, default);
        return await db.Ideas.Where(i => ids.Contains(i.Id)).Select(i => i.Number).ToListAsync();
    });
}
