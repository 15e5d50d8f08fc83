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

    [Theory]
    [InlineData("link[rel=stylesheet]", "href", "text/css", "--accent")]
    [InlineData("script[src]", "src", "text/javascript", "data-vote")]
    public async Task The_pages_get_their_stylesheet_and_script(string element, string attribute, string type, string content)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        var address = await page.Locator(element).GetAttributeAsync(attribute);

        // As the browser asks for it: compressed where the server has it so.
        var response = await page.APIRequest.GetAsync(address!, new() { Headers = new Dictionary<string, string> { ["Accept-Encoding"] = "gzip, br" } });

        Assert.Equal(200, response.Status);
        Assert.StartsWith(type, response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains(content, await response.TextAsync(), StringComparison.Ordinal);
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
