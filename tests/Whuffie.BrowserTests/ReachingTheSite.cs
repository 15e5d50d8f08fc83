namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class ReachingTheSite(WhuffieSite site) : BrowserTest(site)
{
    [Fact]
    public async Task The_browser_reaches_the_site_over_loopback()
    {
        Assert.Equal("127.0.0.1", Site.BaseUrl.Host);
        var page = await NewPageAsync();

        var response = await page.GotoAsync("/api/v1/openapi.json");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Contains("Whuffie API", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accessibility_check_names_what_is_broken_and_where()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=\"en\"><title>t</title><main><img src=\"x.png\" id=\"logo\"></main></html>");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AxeAssert.NoViolationsAsync(page));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#logo", failure.Message, StringComparison.Ordinal);
    }
}
