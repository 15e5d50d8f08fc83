namespace Whuffie.Tests.Pages;

/// <summary>
/// Anonymous pages come from the output cache; a change empties what is cached for its
/// organization (pages, and the categories every list shows), and leaves other organizations' pages.
/// </summary>
public sealed class CachingAnonymousPages(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_cached_idea_list_shows_a_new_vote_at_once()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        var visitor = app.Browse();

        await visitor.GetAsync($"/{org}");
        var second = await visitor.GetAsync($"/{org}");
        Assert.True(second.Headers.Age is not null, "The second anonymous visit should come from the cache.");
        Assert.Contains($"data-vote-count=\"{number}\">0<", visitor.Html, StringComparison.Ordinal);

        await sofie.VoteAsync(org, number);

        var after = await visitor.GetAsync($"/{org}");
        Assert.Null(after.Headers.Age);
        Assert.Contains($"data-vote-count=\"{number}\">1<", visitor.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_in_one_organization_leaves_another_organizations_pages_cached()
    {
        var library = await app.CreateOrgAsync();
        var energy = await app.CreateOrgAsync("energi", "Søborg Energi");
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(library, "Open on Sundays");
        var visitor = app.Browse();
        await visitor.GetAsync($"/{energy}");
        await visitor.GetAsync($"/{library}");

        await sofie.VoteAsync(library, number);

        var other = await visitor.GetAsync($"/{energy}");
        Assert.True(other.Headers.Age is not null, "A vote in the library should not empty the energy company's cached list.");
        var changed = await visitor.GetAsync($"/{library}");
        Assert.Null(changed.Headers.Age);
    }

    [Fact]
    public async Task A_new_category_is_in_the_list_filter_and_the_api_at_once()
    {
        var org = await app.CreateOrgAsync();
        var staff = await app.StaffOfAsync(org);
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}");
        Assert.DoesNotContain("Opening hours", visitor.Html, StringComparison.Ordinal);
        using (var empty = await staff.Client.GetAsync($"/api/v1/orgs/{org}/categories"))
            Assert.Equal("[]", await empty.Content.ReadAsStringAsync());

        using var created = await staff.SendJsonAsync(HttpMethod.Post, $"/api/v1/orgs/{org}/categories", """{"name":"Opening hours"}""");
        Assert.True(created.IsSuccessStatusCode, $"Creating the category failed: {(int)created.StatusCode}");

        using var filtered = await visitor.GetAsync($"/{org}?category=opening-hours");
        Assert.Equal(System.Net.HttpStatusCode.OK, filtered.StatusCode);
        Assert.Contains("Opening hours", visitor.Html, StringComparison.Ordinal);
        using var listed = await staff.Client.GetAsync($"/api/v1/orgs/{org}/categories");
        Assert.Contains("opening-hours", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_language_and_query_is_cached_on_its_own()
    {
        var org = await app.CreateOrgAsync();
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}", "en");
        await visitor.GetAsync($"/{org}", "sv");
        Assert.Equal("sv", visitor.Lang);
        await visitor.GetAsync($"/{org}?sort=new", "en");
        Assert.Contains("value=\"new\" selected", visitor.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_people_never_get_a_cached_page()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await app.Browse().GetAsync($"/{org}/ideas/{number}"); // a stranger fills the cache
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);

        await browser.GetAsync($"/{org}/ideas/{number}");
        var again = await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Null(again.Headers.Age);
        Assert.Contains("Post comment", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in to comment", browser.Html, StringComparison.Ordinal);
    }
}
