namespace Whuffie.Tests.Pages;

/// <summary>The person's choice, else the browser's languages, else the organization's default.</summary>
public sealed class ChoosingTheLanguage(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Theory]
    [InlineData("da-DK,da;q=0.9,en;q=0.8", "da")]
    [InlineData("sv-SE", "sv")]
    [InlineData("nn-NO,en;q=0.5", "nb")]
    [InlineData("no", "nb")]
    [InlineData("de-DE,nl;q=0.7,en;q=0.3", "nl")]
    [InlineData("en-US,en;q=0.9", "en")]
    public async Task The_browsers_language_is_used_when_the_person_has_not_chosen(string acceptLanguage, string lang)
    {
        var browser = app.Browse();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", acceptLanguage)).StatusCode);
        Assert.Equal(lang, browser.Lang);
    }

    [Fact]
    public async Task Without_a_known_browser_language_the_organizations_default_is_used()
    {
        var org = await app.CreateOrgAsync(); // default language da
        var browser = app.Browse();
        await browser.GetAsync($"/{org}", "de-DE");
        Assert.Equal("da", browser.Lang);
        await browser.GetAsync("/", "de-DE");
        Assert.Equal("en", browser.Lang);
    }

    [Fact]
    public async Task The_persons_choice_wins_and_is_remembered()
    {
        var org = await app.CreateOrgAsync();
        var browser = app.Browse();
        var switched = await browser.GetAsync($"/language/sv?returnUrl=%2F{org}%3Fsort%3Dnew", "da");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal($"/{org}?sort=new", switched.Headers.Location?.OriginalString);

        await browser.GetAsync($"/{org}", "da");
        Assert.Equal("sv", browser.Lang);
        Assert.Contains("aria-current=\"true\">Svenska</a>", browser.Html, StringComparison.Ordinal);
        Assert.Contains($">{InSwedish("Layout.SignIn")}</a>", browser.Html, StringComparison.Ordinal);
        Assert.NotEqual("Sign in", InSwedish("Layout.SignIn"));
    }

    private static string InSwedish(string key)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new("sv");
        try { return Whuffie.Web.Text.T(key); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_switch_never_sends_people_to_another_site(string returnUrl)
    {
        var response = await app.Browse().GetAsync($"/language/nl?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Dates_and_numbers_follow_the_language()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        var browser = app.Browse();

        await browser.GetAsync($"/{org}/ideas/{number}", "en-GB");
        var english = browser.Html;
        await browser.GetAsync($"/{org}/ideas/{number}", "de,nl");
        Assert.Equal("nl", browser.Lang);
        // The creation date, as each culture writes it: 01/11/2026 (en-GB) or 1-11-2026 (nl-NL).
        var created = (await sofie.GetIdeaAsync(org, number)).GetProperty("createdAt").GetDateTime();
        Assert.Contains(created.ToString("d", new System.Globalization.CultureInfo("en-GB")), english, StringComparison.Ordinal);
        Assert.Contains(created.ToString("d", new System.Globalization.CultureInfo("nl-NL")), browser.Html, StringComparison.Ordinal);
    }
}
