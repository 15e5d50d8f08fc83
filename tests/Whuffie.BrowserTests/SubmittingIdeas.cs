using System.Text.RegularExpressions;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class SubmittingIdeas(WhuffieSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_submitted_idea_opens_on_its_own_page_with_the_title_as_heading()
    {
        var org = await Site.CreateOrgAsync("Lakeside Council");
        var user = await Site.CreateUserAsync("Ida Idealist");
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, user, $"/{org}");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Lakeside Council" })
            .GetByRole(AriaRole.Link, new() { Name = "Submit an idea" }).ClickAsync();
        await page.GetByLabel("Your idea in one sentence").FillAsync("Benches along the lake path");
        await page.GetByLabel("Describe it").FillAsync("Older people need a place to **rest** on the way.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit idea" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/\\d+/benches-along-the-lake-path$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Benches along the lake path");
        await Expect(page.Locator("article strong")).ToHaveTextAsync("rest");
        await Expect(page.GetByText("by Ida Idealist")).ToBeVisibleAsync();

        await page.GotoAsync($"/{org}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Benches along the lake path" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_empty_title_is_refused_beside_the_field_and_the_description_is_kept()
    {
        var org = await Site.CreateOrgAsync("Lakeside Council");
        var user = await Site.CreateUserAsync("Eli Empty");
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, user, $"/{org}/ideas/new");

        await page.GetByLabel("Describe it").FillAsync("A description without a title.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit idea" }).ClickAsync();

        var title = page.GetByLabel("Your idea in one sentence");
        await Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(title).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(Strings.Get("en", "Validation.Required"))));
        await Expect(page.GetByLabel("Describe it")).ToHaveValueAsync("A description without a title.");
        await page.GotoAsync($"/{org}");
        await Expect(page.GetByText(Strings.Get("en", "IdeaList.Empty"))).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_stranger_who_wants_to_submit_is_asked_to_sign_in_first_and_comes_back()
    {
        var org = await Site.CreateOrgAsync("Lakeside Council");
        var user = await Site.CreateUserAsync("Stan Stranger");
        var page = await NewPageAsync();
        await page.GotoAsync($"/{org}");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Submit an idea" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?"));
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/new$"));
        await Expect(page.GetByLabel("Your idea in one sentence")).ToBeVisibleAsync();
    }
}
