using System.Text.RegularExpressions;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class Commenting(WhuffieSite site) : BrowserTest(site)
{
    /// <summary>An idea and a signed-in person on its page, ready to comment.</summary>
    private async Task<(IPage Page, string IdeaUrl)> OnAnIdeaPageAsync(bool javaScript)
    {
        var org = await Site.CreateOrgAsync("Meadow Parish");
        var author = await Site.CreateUserAsync("Olga Opener");
        var number = await Site.SubmitIdeaAsync(author, org, "Plant fruit trees in the park");
        var commenter = await Site.CreateUserAsync("Carl Commenter");
        var page = await NewPageAsync(javaScript: javaScript);
        var url = $"/{org}/ideas/{number}";
        await WhuffieSite.SignInAsync(page, commenter, url);
        return (page, url);
    }

    private static ILocator Comments(IPage page) =>
        page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Comments") }).GetByRole(AriaRole.Listitem);

    private static ILocator PostButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Post comment" });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_comment_appears_in_the_list_under_the_idea(bool javaScript)
    {
        var (page, url) = await OnAnIdeaPageAsync(javaScript);
        await Expect(Comments(page)).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        await page.GetByLabel("Your comment").FillAsync("Apples *and* pears, please.");
        await PostButton(page).ClickAsync();

        await Expect(Comments(page)).ToHaveCountAsync(1);
        await Expect(Comments(page).First).ToContainTextAsync("Carl Commenter");
        await Expect(Comments(page).First.Locator("em")).ToHaveTextAsync("and");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comments (1)" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your comment")).ToHaveValueAsync("");
        // With scripts the page stays put; without them the form post came back to the page.
        Assert.Equal(javaScript, await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        Assert.Contains(url, page.Url, StringComparison.Ordinal);

        await page.GotoAsync(url);
        await Expect(Comments(page)).ToHaveCountAsync(1);
        await Expect(Comments(page).First).ToContainTextAsync("Apples and pears, please.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_empty_comment_is_refused_beside_the_field_and_nothing_is_saved(bool javaScript)
    {
        var (page, url) = await OnAnIdeaPageAsync(javaScript);

        await page.GetByLabel("Your comment").FillAsync("   ");
        await PostButton(page).ClickAsync();

        var field = page.GetByLabel("Your comment");
        var required = Strings.Get("en", "Validation.Required");
        await Expect(page.Locator("#comment-error")).ToHaveTextAsync(required);
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(required) + "$"));
        await Expect(Comments(page)).ToHaveCountAsync(0);

        await page.GotoAsync(url);
        await Expect(Comments(page)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comments (0)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_stranger_is_offered_to_sign_in_instead_of_a_comment_form()
    {
        var org = await Site.CreateOrgAsync("Meadow Parish");
        var author = await Site.CreateUserAsync("Olga Opener");
        var number = await Site.SubmitIdeaAsync(author, org, "Plant fruit trees in the park");
        var page = await NewPageAsync();
        await page.GotoAsync($"/{org}/ideas/{number}");

        await Expect(page.GetByLabel("Your comment")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to comment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/signin\\?returnUrl=%2F{org}%2Fideas%2F{number}$"));
    }
}
