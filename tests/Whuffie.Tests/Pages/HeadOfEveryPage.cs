using Whuffie.Web;

namespace Whuffie.Tests.Pages;

/// <summary>
/// What browsers and search engines read before the page itself (Lighthouse's complaints): an
/// icon at /favicon.ico, a meta description on every page, and machine-readable times that
/// HTML accepts.
/// </summary>
public sealed class HeadOfEveryPage(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task The_favicon_answers_with_an_icon()
    {
        var response = await app.CreateClient().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // An ICO file's header: reserved 0, type 1 (icon).
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
    }

    [Fact]
    public async Task Every_page_has_a_meta_description_and_an_idea_page_has_its_own()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays",
            "Many of us work **weekdays** until five, and the library closes at six. Opening on Sundays, even from ten to two, " +
            "would let families come together. The branch in Herlev does it and is full every week.");
        var browser = app.Browse();

        await browser.GetAsync("/");
        Assert.Contains("<meta name=\"description\" content=\"Whuffie: ideas, votes and public answers", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync($"/{org}");
        Assert.Contains("<meta name=\"description\" content=\"Ideas for Søborg Bibliotek: suggest one", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("<meta name=\"description\" content=\"Many of us work weekdays until five, and the library closes at six. " +
            "Opening on Sundays, even from ten to two, would let families come together. The branch in…\">", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_are_written_in_utc_with_milliseconds_at_most()
    {
        var at = new DateTime(2024, 3, 5, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_567);
        Assert.Equal("2024-03-05T07:08:09.123Z", TimeTagHelper.Format(at));
        Assert.Throws<ArgumentException>(() => TimeTagHelper.Format(at.ToString("o")));
        Assert.Equal("2024-03-05T07:08:09.123Z", TimeTagHelper.Format(DateTime.SpecifyKind(at, DateTimeKind.Unspecified)));
        Assert.Equal("2024-03-05T07:08:09.123Z", TimeTagHelper.Format(new DateTimeOffset(at).ToOffset(TimeSpan.FromHours(1))));
    }
}
