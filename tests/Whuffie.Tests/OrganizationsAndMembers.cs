namespace Whuffie.Tests;

/// <summary>The operator creates organizations; their admins decide who is staff.</summary>
public sealed class OrganizationsAndMembers(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_platform_admin_creates_an_organization_and_becomes_its_admin()
    {
        var operatorPerson = await app.SignUpAsync("Operator");
        await app.MakePlatformAdminAsync(operatorPerson);
        var slug = WhuffieFactory.Unique("aarhus");

        var created = await operatorPerson.Client.PostAsJsonAsync("/api/v1/orgs", new { slug = slug.ToUpperInvariant(), name = " Aarhus Kommune ", defaultLanguage = "da" });
        var org = await Expect.JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/orgs/{slug}", created.Headers.Location?.OriginalString);
        Assert.Equal("Aarhus Kommune", org.GetProperty("name").GetString());
        Assert.Equal("admin", org.GetProperty("myRole").GetString());

        var seen = await Expect.JsonAsync(await operatorPerson.Client.GetAsync($"/api/v1/orgs/{slug}"));
        Assert.Equal("admin", seen.GetProperty("myRole").GetString());
        var anonymous = await Expect.JsonAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{slug}"));
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("myRole").ValueKind);
        var all = await Expect.JsonAsync(await app.CreateClient().GetAsync("/api/v1/orgs"));
        Assert.Contains(slug, all.EnumerateArray().Select(o => o.GetProperty("slug").GetString()));

        await Expect.ProblemAsync(await operatorPerson.Client.PostAsJsonAsync("/api/v1/orgs", new { slug, name = "Again" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("api", "slug")]
    [InlineData("-edge", "slug")]
    [InlineData("has space", "slug")]
    [InlineData("fine-slug", "defaultLanguage")]
    public async Task An_unusable_slug_or_language_is_refused(string slug, string field)
    {
        var operatorPerson = await app.SignUpAsync("Operator");
        await app.MakePlatformAdminAsync(operatorPerson);
        await Expect.InvalidFieldAsync(await operatorPerson.Client.PostAsJsonAsync("/api/v1/orgs", new { slug, name = "X", defaultLanguage = field == "slug" ? "en" : "de" }), field);
    }

    [Fact]
    public async Task Only_the_operator_creates_organizations()
    {
        var sofie = await app.SignUpAsync("Sofie");
        await Expect.ProblemAsync(await sofie.Client.PostAsJsonAsync("/api/v1/orgs", new { slug = WhuffieFactory.Unique("mine"), name = "Mine" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_makes_a_member_staff_and_staff_see_the_members()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.SignUpAsync("Lars");
        await app.GrantAsync(lars, org, Organizations.OrgRole.Admin);
        var sofie = await app.SignUpAsync("Sofie");
        await sofie.SubmitIdeaAsync(org, "Open on Sundays");

        var changed = await Expect.JsonAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{sofie.Id}/role", new { role = "staff" }));
        Assert.Equal("staff", changed.GetProperty("role").GetString());
        var members = await Expect.JsonAsync(await sofie.Client.GetAsync($"/api/v1/orgs/{org}/members"));
        Assert.Equal(["Lars:admin", "Sofie:staff"], members.EnumerateArray()
            .Select(m => $"{m.GetProperty("user").GetProperty("displayName").GetString()}:{m.GetProperty("role").GetString()}"));

        // Staff may answer ideas but not hand out roles.
        await Expect.ProblemAsync(await sofie.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{lars.Id}/role", new { role = "member" }), HttpStatusCode.Forbidden);
        await Expect.InvalidFieldAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{sofie.Id}/role", new { role = "owner" }), "role");
    }

    [Fact]
    public async Task The_last_admin_cannot_step_down()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.SignUpAsync("Lars");
        await app.GrantAsync(lars, org, Organizations.OrgRole.Admin);

        await Expect.ProblemAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{lars.Id}/role", new { role = "member" }), HttpStatusCode.UnprocessableEntity);
        var mette = await app.SignUpAsync("Mette");
        await Expect.JsonAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{mette.Id}/role", new { role = "admin" }));
        var stepped = await Expect.JsonAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/members/{lars.Id}/role", new { role = "staff" }));
        Assert.Equal("staff", stepped.GetProperty("role").GetString());
    }
}
