namespace Whuffie.Tests.Pages;

/// <summary>An organization's colours may not make its pages unreadable.</summary>
public sealed class BrandingAnOrganization(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Theory]
    [InlineData("#1d5b85", 7.27)]
    [InlineData("#767676", 4.54)]
    [InlineData("#777777", 4.48)]
    [InlineData("#ffff00", 1.07)]
    [InlineData("#000000", 21.0)]
    public void Contrast_is_measured_as_wcag_defines_it(string colour, double ratio) =>
        Assert.Equal(ratio, Organizations.Branding.ContrastWithWhite(colour), precision: 1);

    [Fact]
    public async Task An_admin_sets_name_colour_and_welcome_but_not_a_colour_too_light_to_read()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.SignUpAsync("Lars");
        await app.GrantAsync(lars, org, Organizations.OrgRole.Admin);
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/admin/branding");

        var refused = await browser.PostFormAsync($"/{org}/admin/branding", ("Name", "Søborg Bibliotek"), ("Accent", "#ffcc00"), ("LogoUrl", "javascript:alert(1)"), ("Welcome", ""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"accent-error\">This colour is too light", browser.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"logo-url-error\">", browser.Html, StringComparison.Ordinal);

        var saved = await browser.PostFormAsync($"/{org}/admin/branding", ("Name", "Søborg Bibliotek og Kulturhus"), ("Accent", "#7A1F5C"), ("LogoUrl", ""), ("Welcome", "Welcome **all**"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await browser.GetAsync($"/{org}");
        Assert.Contains($"/{org}/brand.css?v=7a1f5c", browser.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Søborg Bibliotek og Kulturhus</h1>", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Welcome <strong>all</strong>", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync($"/{org}/brand.css?v=7a1f5c");
        Assert.Contains("--accent: #7a1f5c", browser.Html, StringComparison.Ordinal);
    }
}
