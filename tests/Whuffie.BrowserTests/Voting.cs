using System.Text.RegularExpressions;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class Voting(WhuffieSite site) : BrowserTest(site)
{
    private const string Title = "A bike repair stand at the station";

    /// <summary>An idea by someone else, and a signed-in voter on its page.</summary>
    private async Task<(IPage Page, string IdeaUrl)> OnAnIdeaPageAsync(bool javaScript)
    {
        var org = await Site.CreateOrgAsync("Station Town");
        var author = await Site.CreateUserAsync("Alma Author");
        var number = await Site.SubmitIdeaAsync(author, org, Title, "Pumps and tools on a post, free for everyone.");
        var voter = await Site.CreateUserAsync("Viktor Voter");
        var page = await NewPageAsync(javaScript: javaScript);
        var url = $"/{org}/ideas/{number}";
        await WhuffieSite.SignInAsync(page, voter, url);
        return (page, url);
    }

    // The button says "Vote"; for screen readers it goes on with the idea's title, hidden from
    // sight, so a list of Vote buttons can be told apart. Chromium puts a space before the colon.
    private static Regex Named(string action) => new($"^{action}\\s?: {Regex.Escape(Title)}$");

    private static ILocator VoteButton(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = Named("Vote") });

    private static ILocator RemoveVoteButton(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = Named("Remove vote") });

    private static ILocator Count(IPage page) => page.Locator("article .votes .count");

    private static ILocator Unit(IPage page) => page.Locator("article .votes .unit");

    [Fact]
    public async Task With_javascript_a_vote_counts_in_place_without_reloading_the_page_and_is_kept()
    {
        var (page, url) = await OnAnIdeaPageAsync(javaScript: true);
        await Expect(Count(page)).ToHaveTextAsync("0");
        // A reload or navigation would give a fresh window without this mark.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var requests = new List<string>();
        page.Request += (_, request) => { if (request.IsNavigationRequest) requests.Add(request.Url); };

        await VoteButton(page).ClickAsync();

        await Expect(Count(page)).ToHaveTextAsync("1");
        await Expect(Unit(page)).ToHaveTextAsync("vote");
        await Expect(RemoveVoteButton(page)).ToBeVisibleAsync();
        await Expect(RemoveVoteButton(page)).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 vote");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The page was reloaded.");
        Assert.Empty(requests);
        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect(Count(page)).ToHaveTextAsync("1");
        await Expect(RemoveVoteButton(page)).ToBeVisibleAsync();

        await RemoveVoteButton(page).ClickAsync();
        await Expect(Count(page)).ToHaveTextAsync("0");
        await Expect(Unit(page)).ToHaveTextAsync("votes");
        await Expect(VoteButton(page)).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(Count(page)).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Without_javascript_a_vote_is_a_form_post_that_comes_back_to_the_page_counted()
    {
        var (page, url) = await OnAnIdeaPageAsync(javaScript: false);
        await Expect(Count(page)).ToHaveTextAsync("0");

        await VoteButton(page).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(url) + "$"));
        await Expect(Count(page)).ToHaveTextAsync("1");
        await Expect(Unit(page)).ToHaveTextAsync("vote");
        await Expect(RemoveVoteButton(page)).ToBeVisibleAsync();

        await RemoveVoteButton(page).ClickAsync();
        await Expect(Count(page)).ToHaveTextAsync("0");
        await Expect(VoteButton(page)).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Voting_from_the_list_stays_on_the_list(bool javaScript)
    {
        var (page, url) = await OnAnIdeaPageAsync(javaScript);
        var list = url[..url.IndexOf("/ideas/", StringComparison.Ordinal)];
        await page.GotoAsync(list + "?sort=new");

        await VoteButton(page).ClickAsync();

        await Expect(RemoveVoteButton(page)).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(list) + "\\?sort=new$"));
        await Expect(page.Locator(".ideas .votes .count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task A_stranger_who_wants_to_vote_is_sent_to_sign_in_and_back()
    {
        var org = await Site.CreateOrgAsync("Station Town");
        var author = await Site.CreateUserAsync("Alma Author");
        var number = await Site.SubmitIdeaAsync(author, org, Title);
        var page = await NewPageAsync();
        await page.GotoAsync($"/{org}/ideas/{number}");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = Named("Vote") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?returnUrl="));
        var voter = await Site.CreateUserAsync("Late Voter");
        await page.GetByLabel("Email").FillAsync(voter.Email);
        await page.GetByLabel("Password").FillAsync(voter.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/{number}$"));
        await Expect(VoteButton(page)).ToBeVisibleAsync();
    }
}
