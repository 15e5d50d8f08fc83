using System.Text.RegularExpressions;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests;

/// <summary>
/// Finding what is already there: the ideas like a new one, shown while its title is typed, and the
/// search page with the matched words marked. In Danish, on a Danish organization, so the stemming
/// ("bibliotekerne" finds "biblioteker") is the language's own.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class FindingIdeas(WhuffieSite site) : BrowserTest(site)
{
    private const string Language = "da";
    private const string Libraries = "Flere biblioteker i kommunen";
    private const string Sundays = "Biblioteket skal have åbent om søndagen";
    private const string Typed = "Et bibliotek mere";

    private static string T(string key) => Strings.Get(Language, key);

    /// <summary>
    /// A municipality with three ideas: more libraries (planned, two votes, submitted first), Sunday
    /// opening (open, no votes, submitted second) and one about cycle paths that no search here finds.
    /// </summary>
    private async Task<(string Org, int Libraries, int Sundays)> SeedAsync()
    {
        var org = await Site.CreateOrgAsync("Søby Kommune", Language);
        var staff = await Site.CreateUserAsync("Karen Kommune", (org, OrgRole.Staff));
        var anna = await Site.CreateUserAsync("Anna Andersen");
        var bo = await Site.CreateUserAsync("Bo Berg");
        var libraries = await Site.SubmitIdeaAsync(anna, org, Libraries, "Der er tyve kilometer til det nærmeste bibliotek.");
        var sundays = await Site.SubmitIdeaAsync(bo, org, Sundays, "Mange arbejder hele ugen.");
        _ = await Site.SubmitIdeaAsync(bo, org, "Bedre cykelstier til skolen");
        await Site.VoteAsync(anna, org, libraries);
        await Site.VoteAsync(bo, org, libraries);
        await Site.ChangeStatusAsync(staff, org, libraries, "planned", "Vi bygger et nyt bibliotek i Nordby.");
        return (org, libraries, sundays);
    }

    /// <summary>Signs a new person in on the submit page and types the title key by key, as a person does.</summary>
    private async Task<IPage> TypeTitleAsync(string org)
    {
        var page = await NewPageAsync(Language);
        await WhuffieSite.SignInAsync(page, await Site.CreateUserAsync("Ulla Ulvsen"), $"/{org}/ideas/new");
        await page.GetByLabel(T("Submit.IdeaTitle")).PressSequentiallyAsync(Typed, new() { Delay = 40 });
        return page;
    }

    private static ILocator SimilarList(IPage page) =>
        page.GetByRole(AriaRole.List, new() { Name = T("Similar.Heading"), Exact = true });

    private static string Votes(int count) =>
        count == 1 ? T("Roadmap.OneVote") : T("Roadmap.Votes").Replace("{0}", count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public async Task Ideas_like_the_title_show_while_it_is_typed_and_a_vote_for_one_counts_there()
    {
        var (org, libraries, _) = await SeedAsync();
        var page = await NewPageAsync(Language);
        await WhuffieSite.SignInAsync(page, await Site.CreateUserAsync("Ulla Ulvsen"), $"/{org}/ideas/new");
        // A mark on the window: gone if the page were loaded again.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = T("Similar.Heading") })).ToHaveCountAsync(0);

        await page.GetByLabel(T("Submit.IdeaTitle")).PressSequentiallyAsync(Typed, new() { Delay = 40 });

        var similar = SimilarList(page);
        await Expect(similar).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The list came with a page load.");
        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/new$"));
        await Expect(page.GetByText(T("Similar.Intro"))).ToBeVisibleAsync();
        var item = similar.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Libraries, Exact = true }) });
        await Expect(item).ToContainTextAsync(T("Status.Planned"));
        await Expect(item).ToContainTextAsync(Votes(2));
        await Expect(similar).Not.ToContainTextAsync("Bedre cykelstier");
        // The list comes after the send button, so the button people came for stays first.
        await Expect(page.Locator("form[data-similar] button[type=submit]").First).ToHaveTextAsync(T("Submit.Send"));

        await item.GetByRole(AriaRole.Button, new() { Name = T("Similar.VoteInstead") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/{libraries}(/[^/?#]*)?$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Libraries);
        await Expect(page.Locator($"[data-vote-count=\"{libraries}\"]")).ToHaveTextAsync("3");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = T("Ideas.Unvote") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Once_the_similar_ideas_have_shown_the_idea_is_sent_without_a_step_between()
    {
        var (org, _, _) = await SeedAsync();
        var page = await TypeTitleAsync(org);
        await Expect(SimilarList(page)).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=SeenSimilar]")).ToHaveValueAsync("true");

        await page.GetByRole(AriaRole.Button, new() { Name = T("Submit.Send"), Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/\\d+/et-bibliotek-mere$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Typed);
    }

    [Fact]
    public async Task Enter_in_the_title_sends_the_idea_and_votes_for_none_of_the_similar_ones()
    {
        var (org, libraries, sundays) = await SeedAsync();
        var page = await TypeTitleAsync(org);
        await Expect(SimilarList(page)).ToBeVisibleAsync();

        await page.GetByLabel(T("Submit.IdeaTitle")).PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/\\d+/et-bibliotek-mere$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Typed);
        await page.GotoAsync($"/{org}/ideas/{libraries}");
        await Expect(page.Locator($"[data-vote-count=\"{libraries}\"]")).ToHaveTextAsync("2");
        await page.GotoAsync($"/{org}/ideas/{sundays}");
        await Expect(page.Locator($"[data-vote-count=\"{sundays}\"]")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task The_search_box_finds_ideas_by_other_forms_of_a_word_and_marks_them()
    {
        var (org, _, _) = await SeedAsync();
        var page = await NewPageAsync(Language);
        await page.GotoAsync($"/{org}");

        var box = page.GetByRole(AriaRole.Search);
        await box.GetByLabel(T("Search.Label"), new() { Exact = true }).FillAsync("bibliotekerne");
        await box.GetByRole(AriaRole.Button, new() { Name = T("Search.Button"), Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/search\\?q=bibliotekerne$"));
        var results = page.GetByRole(AriaRole.List, new() { Name = T("Search.Results").Replace("{0}", "bibliotekerne", StringComparison.Ordinal) });
        await Expect(results.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        var libraries = results.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Libraries });
        await Expect(libraries.GetByRole(AriaRole.Link, new() { Name = Libraries, Exact = true }).Locator("mark")).ToHaveTextAsync("biblioteker");
        await Expect(libraries.Locator(".snippet mark")).ToHaveTextAsync("bibliotek");
        await Expect(libraries).ToContainTextAsync(T("Status.Planned"));
        var sundays = results.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Sundays });
        await Expect(sundays.GetByRole(AriaRole.Heading).Locator("mark")).ToHaveTextAsync("Biblioteket");
        await Expect(page.GetByText("Bedre cykelstier")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Search).GetByLabel(T("Search.Label"), new() { Exact = true })).ToHaveValueAsync("bibliotekerne");
    }

    [Fact]
    public async Task The_search_pages_filters_narrow_and_order_the_results()
    {
        var (org, _, _) = await SeedAsync();
        var page = await NewPageAsync(Language);
        await page.GotoAsync($"/{org}/search?q=bibliotek");
        var form = page.GetByRole(AriaRole.Search);
        var items = page.Locator("ol.search-results > li h3");
        await Expect(items).ToHaveCountAsync(2);

        await form.GetByLabel(T("IdeaList.Status")).SelectOptionAsync(new SelectOptionValue { Label = T("Status.Planned") });
        await form.GetByRole(AriaRole.Button, new() { Name = T("Search.Button"), Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]status=planned(&|$)"));
        await Expect(items).ToHaveTextAsync([Libraries]);
        await Expect(form.GetByLabel(T("IdeaList.Status"))).ToHaveValueAsync("planned");

        await form.GetByLabel(T("IdeaList.Status")).SelectOptionAsync(new SelectOptionValue { Label = T("IdeaList.AllStatuses") });
        await form.GetByLabel(T("IdeaList.Sort")).SelectOptionAsync(new SelectOptionValue { Label = T("IdeaList.Sort.New") });
        await form.GetByRole(AriaRole.Button, new() { Name = T("Search.Button"), Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]sort=new(&|$)"));
        await Expect(items).ToHaveTextAsync([Sundays, Libraries]);

        await form.GetByLabel(T("IdeaList.Sort")).SelectOptionAsync(new SelectOptionValue { Label = T("IdeaList.Sort.Top") });
        await form.GetByRole(AriaRole.Button, new() { Name = T("Search.Button"), Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]sort=top(&|$)"));
        await Expect(items).ToHaveTextAsync([Libraries, Sundays]);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_says_so_and_offers_to_submit_the_idea()
    {
        var (org, _, _) = await SeedAsync();
        var page = await NewPageAsync(Language);
        await page.GotoAsync($"/{org}/search?q=bibliotek");

        var form = page.GetByRole(AriaRole.Search);
        await form.GetByLabel(T("Search.Label"), new() { Exact = true }).FillAsync("svømmehal");
        await form.GetByRole(AriaRole.Button, new() { Name = T("Search.Button"), Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("[?&]q=sv%C3%B8mmehal(&|$)"));
        var none = page.GetByText(T("Search.None"));
        await Expect(none).ToBeVisibleAsync();
        await Expect(page.Locator("ol.search-results")).ToHaveCountAsync(0);
        await Expect(none.GetByRole(AriaRole.Link, new() { Name = T("Layout.Submit"), Exact = true })).ToHaveAttributeAsync("href", $"/{org}/ideas/new");
    }

    [Fact]
    public async Task The_similar_list_the_results_and_a_refused_search_meet_WCAG_2_1_AA()
    {
        var (org, _, _) = await SeedAsync();
        var failures = new List<string>();

        var member = await TypeTitleAsync(org);
        await Expect(SimilarList(member)).ToBeVisibleAsync();
        await CheckAsync(member, failures);

        var visitor = await NewPageAsync(Language);
        await visitor.GotoAsync($"/{org}/search?q=bibliotekerne");
        await Expect(visitor.Locator("ol.search-results mark").First).ToBeVisibleAsync();
        await CheckAsync(visitor, failures);

        // Longer than a search may be: the page answers 400, says why beside the field, and searches for nothing.
        var tooLong = new string('b', 10_001);
        var response = await visitor.GotoAsync($"/{org}/search?q={tooLong}");
        Assert.Equal(400, response?.Status);
        var field = visitor.GetByRole(AriaRole.Search).GetByLabel(T("Search.Label"), new() { Exact = true });
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(T("Validation.TooLong").Split("{0}")[0])));
        await Expect(visitor.Locator("ol.search-results")).ToHaveCountAsync(0);
        await CheckAsync(visitor, failures);

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task CheckAsync(IPage page, List<string> failures)
    {
        if (await AxeAssert.ViolationsAsync(page) is { } report) failures.Add(report);
    }
}
