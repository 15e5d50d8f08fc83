using System.Text.RegularExpressions;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class SwitchingLanguage(WhuffieSite site) : BrowserTest(site)
{
    // The order of the footer; English last, so it is also chosen from a page in another language.
    private static readonly (string Code, string Name)[] Choices =
        [("da", "Dansk"), ("sv", "Svenska"), ("nb", "Norsk bokmål"), ("nl", "Nederlands"), ("en", "English")];

    private static ILocator LanguageNav(IPage page, string shownIn) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = Strings.Get(shownIn, "Layout.Language"), Exact = true });

    private static ILocator SignInLink(IPage page, string language) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = Strings.Get(language, "Layout.Account"), Exact = true })
            .GetByRole(AriaRole.Link, new() { Name = Strings.Get(language, "Layout.SignIn"), Exact = true });

    [Fact]
    public async Task Each_language_in_the_footer_translates_the_page_and_is_remembered()
    {
        var org = await Site.CreateOrgAsync("Five Tongues");
        var page = await NewPageAsync("en");
        await page.GotoAsync($"/{org}/roadmap");
        var shownIn = "en";

        foreach (var (code, name) in Choices)
        {
            await LanguageNav(page, shownIn).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
            await Expect(page).ToHaveURLAsync(new Regex($"/{org}/roadmap$"));
            await Expect(SignInLink(page, code)).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Strings.Get(code, "Roadmap.Title"));
            await Expect(LanguageNav(page, code).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }))
                .ToHaveAttributeAsync("aria-current", "true");
            if (code != "en")
                Assert.NotEqual(Strings.Get("en", "Layout.SignIn"), Strings.Translated(code, "Layout.SignIn"));

            // Remembered: a fresh load of another page, no return link involved.
            await page.GotoAsync("/");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
            await Expect(SignInLink(page, code)).ToBeVisibleAsync();
            await page.GotoAsync($"/{org}/roadmap");
            shownIn = code;
        }
    }

    [Fact]
    public async Task The_persons_choice_wins_over_the_browsers_language()
    {
        var page = await NewPageAsync("sv-SE");
        await page.GotoAsync("/signin");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");

        await LanguageNav(page, "sv").GetByRole(AriaRole.Link, new() { Name = "Nederlands" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Strings.Get("nl", "SignIn.Submit"), Exact = true })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
    }

    [Fact]
    public async Task A_browser_in_a_language_the_site_lacks_gets_the_organizations_language()
    {
        var org = await Site.CreateOrgAsync("Kantoor Utrecht", language: "nl");
        var page = await NewPageAsync("fr-FR");

        await page.GotoAsync($"/{org}");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(SignInLink(page, "nl")).ToBeVisibleAsync();
    }
}
