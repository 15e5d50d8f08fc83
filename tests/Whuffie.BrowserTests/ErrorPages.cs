using System.Text.RegularExpressions;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class ErrorPages(WhuffieSite site) : BrowserTest(site)
{
    [Theory]
    [InlineData("en")]
    [InlineData("da")]
    public async Task An_unknown_address_gets_the_sites_own_not_found_page_in_the_persons_language(string language)
    {
        var page = await NewPageAsync(language);

        var response = await page.GotoAsync("/no-such-organization-anywhere");

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Strings.Get(language, "Error.NotFound.Title"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Strings.Get(language, "Error.Home") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_member_who_opens_a_staff_page_is_told_it_is_for_staff()
    {
        var org = await Site.CreateOrgAsync("Quarry Village");
        var member = await Site.CreateUserAsync("Milo Member", (org, OrgRole.Member));
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, member);

        var response = await page.GotoAsync($"/{org}/admin/categories");

        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Strings.Get("en", "Error.Forbidden.Title"));
    }

    [Fact]
    public async Task A_form_sent_without_its_security_token_gets_the_sites_error_page_not_a_blank_one()
    {
        // What a person sees when a form was left open too long or signed out in another tab.
        var org = await Site.CreateOrgAsync("Quarry Village");
        var user = await Site.CreateUserAsync("Tilde Token");
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, user, $"/{org}/ideas/new");
        await page.Locator("main input[name=__RequestVerificationToken]").EvaluateAsync("input => input.remove()");

        await page.GetByLabel("Your idea in one sentence").FillAsync("An idea that never arrives");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Submit idea" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Strings.Get("en", "Error.BadRequest.Title"));
        await Expect(page).ToHaveTitleAsync(new Regex("^" + Regex.Escape(Strings.Get("en", "Error.BadRequest.Title"))));
    }
}
