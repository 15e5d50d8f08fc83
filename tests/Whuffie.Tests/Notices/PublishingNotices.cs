using Whuffie.Organizations;

namespace Whuffie.Tests.Notices;

/// <summary>Staff publish a notice, post updates and resolve it; it shows on the status page, the home page, the API and the Atom feeds.</summary>
public sealed class PublishingNotices(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_published_notice_is_on_the_status_page_and_the_home_page_until_resolved()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var notice = await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage **kl. 14**.", "soeborg");
        var id = notice.GetProperty("id").GetInt32();
        Assert.Equal(["soeborg"], notice.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/status");
        Assert.Contains("Strømafbrydelse i Søborg", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>kl. 14</strong>", visitor.Html, StringComparison.Ordinal);
        await visitor.GetAsync($"/{org}");
        Assert.Contains("Strømafbrydelse i Søborg", visitor.Html, StringComparison.Ordinal);

        await lars.PostUpdateAsync(org, id, "Strømmen er tilbage kl. 13.40.", resolve: true);
        var one = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notices/{id}");
        Assert.NotEqual(JsonValueKind.Null, one.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(2, one.GetProperty("updates").GetArrayLength());
        await visitor.GetAsync($"/{org}");
        Assert.DoesNotContain("Strømafbrydelse i Søborg", visitor.Html, StringComparison.Ordinal);

        // Resolved means done: a further update is refused with a reason.
        var late = await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/{id}/updates", new { body = "Igen?" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Only_staff_publish_and_bad_input_is_refused_by_field_with_nothing_saved()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var sofie = await app.SignUpAsync("Sofie");
        await app.GrantAsync(sofie, org, OrgRole.Member);
        var denied = await sofie.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices", new { title = "Hej", body = "Hej" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var lars = await app.StaffOfAsync(org, "Lars");
        var bad = await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices", new { title = "", body = new string('x', 6000), severity = "apocalyptic", topics = new[] { "mars" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "body", "severity", "topics" }) Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Equal(0, (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notices")).GetArrayLength());
    }

    [Fact]
    public async Task Another_organization_sees_neither_the_notice_nor_its_deliveries()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var id = (await lars.PublishAsync(org, "Vandet er lukket", "Hele Søborg.")).GetProperty("id").GetInt32();
        var (other, olga) = await NoticeTesting.EnergyCompanyAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/orgs/{other}/notices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olga.Client.GetAsync($"/api/v1/orgs/{other}/notices/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/{other}/status/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_atom_feeds_are_valid_for_a_real_feed_parser_with_one_entry_per_update()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.", "soeborg")).GetProperty("id").GetInt32();
        await lars.PostUpdateAsync(org, id, "Strømmen er tilbage kl. 13.40.", resolve: true);
        await lars.PublishAsync(org, "Planlagt arbejde i Gladsaxe", "Natten til fredag.", "gladsaxe");

        var all = await FeedParser.ParseAsync(await app.CreateClient().GetStringAsync($"/{org}/status.atom"));
        Assert.Equal("atom10", all.GetProperty("version").GetString());
        Assert.False(all.GetProperty("bozo").GetBoolean(), all.GetProperty("bozo_exception").GetString());
        var titles = all.GetProperty("titles").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(3, titles.Count);
        string resolved;
        using (Whuffie.Web.Languages.Speak("da")) resolved = Whuffie.Web.Text.T("Notices.Resolved", "Strømafbrydelse i Søborg");
        Assert.Contains(resolved, titles);
        Assert.Equal(3, all.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).Distinct().Count());

        var soeborg = await FeedParser.ParseAsync(await app.CreateClient().GetStringAsync($"/{org}/status/soeborg.atom"));
        Assert.False(soeborg.GetProperty("bozo").GetBoolean());
        Assert.Equal(2, soeborg.GetProperty("titles").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/{org}/status/mars.atom")).StatusCode);
    }
}
