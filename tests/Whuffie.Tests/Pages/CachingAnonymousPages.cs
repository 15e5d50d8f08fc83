namespace Whuffie.Tests.Pages;

/// <summary>Anonymous pages come from the output cache, and any change empties it.</summary>
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
