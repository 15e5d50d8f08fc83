namespace Whuffie.Tests;

/// <summary>Staff keep the list of categories people file ideas under.</summary>
public sealed class ManagingCategories(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Staff_add_rename_and_remove_categories_and_ideas_keep_their_place()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var categories = $"/api/v1/orgs/{org}/categories";

        var created = await lars.Client.PostAsJsonAsync(categories, new { name = "Åbningstider" });
        var category = await Expect.JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("abningstider", category.GetProperty("slug").GetString());
        Assert.Equal($"{categories}/abningstider", created.Headers.Location?.OriginalString);
        await Expect.JsonAsync(await lars.Client.PostAsJsonAsync(categories, new { name = "Events", slug = "arrangementer" }), HttpStatusCode.Created);

        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays", category: "abningstider");
        Assert.Equal("Åbningstider", (await sofie.GetIdeaAsync(org, number)).GetProperty("category").GetProperty("name").GetString());

        var renamed = await Expect.JsonAsync(await lars.Client.PutAsJsonAsync($"{categories}/abningstider", new { name = "Opening hours", slug = "hours" }));
        Assert.Equal("hours", renamed.GetProperty("slug").GetString());
        Assert.Equal("hours", (await sofie.GetIdeaAsync(org, number)).GetProperty("category").GetProperty("slug").GetString());

        var list = await Expect.JsonAsync(await app.CreateClient().GetAsync(categories));
        Assert.Equal(["Events", "Opening hours"], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await lars.Client.DeleteAsync($"{categories}/hours")).StatusCode);
        var idea = await sofie.GetIdeaAsync(org, number);
        Assert.Equal(JsonValueKind.Null, idea.GetProperty("category").ValueKind);
        Assert.Equal("Open on Sundays", idea.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Two_categories_cannot_share_a_slug()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var categories = $"/api/v1/orgs/{org}/categories";
        await Expect.JsonAsync(await lars.Client.PostAsJsonAsync(categories, new { name = "Events" }), HttpStatusCode.Created);
        await Expect.JsonAsync(await lars.Client.PostAsJsonAsync(categories, new { name = "Kids" }), HttpStatusCode.Created);

        await Expect.ProblemAsync(await lars.Client.PostAsJsonAsync(categories, new { name = "EVENTS" }), HttpStatusCode.Conflict);
        await Expect.ProblemAsync(await lars.Client.PutAsJsonAsync($"{categories}/kids", new { name = "Kids", slug = "events" }), HttpStatusCode.Conflict);
        await Expect.InvalidFieldAsync(await lars.Client.PostAsJsonAsync(categories, new { name = "Bad", slug = "Not a slug!" }), "slug");
        await Expect.InvalidFieldAsync(await lars.Client.PostAsJsonAsync(categories, new { name = "!!!" }), "slug");

        var list = await Expect.JsonAsync(await lars.Client.GetAsync(categories));
        Assert.Equal(["events", "kids"], list.EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task An_unknown_category_is_refused_when_submitting_and_filtering()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, "Open on Sundays", category: "nope"), "category");
        await Expect.InvalidFieldAsync(await sofie.Client.GetAsync($"/api/v1/orgs/{org}/ideas?category=nope"), "category");
    }
}
