namespace Whuffie.Tests.Search;

/// <summary>Which language an idea is read in: guessed among the organization's languages, corrected by staff.</summary>
public sealed class IdeaLanguages(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task The_language_is_guessed_among_the_organizations_languages_and_staff_can_correct_it()
    {
        var org = await app.CreateOrgAsync();
        var admin = await app.SignUpAsync("Admin");
        await app.GrantAsync(admin, org, Whuffie.Organizations.OrgRole.Admin);
        var browser = app.Browse();
        await browser.SignInAsync(admin.Email);
        await browser.GetAsync($"/{org}/admin/branding");
        var saved = await browser.PostFormAsync($"/{org}/admin/branding", ("Name", "Søborg Bibliotek"), ("LogoUrl", ""), ("Accent", ""),
            ("Welcome", ""), ("Languages", "sv"), ("Languages", "da"), ("Languages", "en"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var author = await app.SignUpAsync("Author");
        var danish = await author.SubmitIdeaAsync(org, "Vi vil gerne have flere bøger om havet", "Det er noget som mange af os mangler.");
        var swedish = await author.SubmitIdeaAsync(org, "Vi vill ha fler böcker om havet", "Det är något som många av oss saknar.");
        var english = await author.SubmitIdeaAsync(org, "We would like more books about the sea", "It is something many of us miss.");
        var shortTitle = await author.SubmitIdeaAsync(org, "Havet");
        Assert.Equal("da", (await author.GetIdeaAsync(org, danish)).GetProperty("language").GetString());
        Assert.Equal("sv", (await author.GetIdeaAsync(org, swedish)).GetProperty("language").GetString());
        Assert.Equal("en", (await author.GetIdeaAsync(org, english)).GetProperty("language").GetString());
        Assert.Equal("da", (await author.GetIdeaAsync(org, shortTitle)).GetProperty("language").GetString());

        var staff = await app.StaffOfAsync(org);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/ideas/{english}/language", new { language = "sv" })).StatusCode);
        await Expect.InvalidFieldAsync(await staff.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/ideas/{english}/language", new { language = "de" }), "language");
        var corrected = await Expect.JsonAsync(await staff.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/ideas/{shortTitle}/language", new { language = "sv" }));
        Assert.Equal("sv", corrected.GetProperty("language").GetString());

        // Staff do it on the idea's page too.
        var staffBrowser = app.Browse();
        await staffBrowser.SignInAsync(staff.Email);
        await staffBrowser.GetAsync($"/{org}/ideas/{danish}");
        Assert.Contains("id=\"idea-language\"", staffBrowser.Html);
        var set = await staffBrowser.PostFormAsync($"/{org}/ideas/{danish}?handler=language", ("language", "en"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("en", (await author.GetIdeaAsync(org, danish)).GetProperty("language").GetString());
        var refused = await staffBrowser.PostFormAsync($"/{org}/ideas/{danish}?handler=language", ("language", "xx"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"idea-language-error\"", staffBrowser.Html);
    }
}
