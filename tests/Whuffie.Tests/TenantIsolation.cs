using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;
using Whuffie.Ideas;

namespace Whuffie.Tests;

/// <summary>Nothing of one organization is reachable through another's routes.</summary>
public sealed class TenantIsolation(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task One_organizations_ideas_never_show_in_another()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var sofie = await app.SignUpAsync("Sofie");
        await sofie.SubmitIdeaAsync(soeborg, "Open on Sundays");
        await sofie.SubmitIdeaAsync(soeborg, "Study rooms");
        var client = app.CreateClient();

        var list = await Expect.JsonAsync(await client.GetAsync($"/api/v1/orgs/{malmo}/ideas"));
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        await Expect.ProblemAsync(await client.GetAsync($"/api/v1/orgs/{malmo}/ideas/1"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await client.GetAsync($"/api/v1/orgs/{malmo}/ideas/1/comments"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await sofie.VoteAsync(malmo, 1), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await sofie.CommentAsync(malmo, 2, "Hej"), HttpStatusCode.NotFound);

        // Malmö's own #1 is its own idea, and voting on it leaves Søborg's #1 alone.
        Assert.Equal(1, await sofie.SubmitIdeaAsync(malmo, "Fler cykelbanor"));
        await sofie.VoteAsync(malmo, 1);
        Assert.Equal("Fler cykelbanor", (await sofie.GetIdeaAsync(malmo, 1)).GetProperty("title").GetString());
        Assert.Equal(0, (await sofie.GetIdeaAsync(soeborg, 1)).GetProperty("voteCount").GetInt32());
    }

    [Fact]
    public async Task Staff_of_one_organization_have_no_power_in_another()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var lars = await app.StaffOfAsync(soeborg, "Lars");
        var erik = await app.SignUpAsync("Erik");
        var number = await erik.SubmitIdeaAsync(malmo, "Plogning av cykelvägar");

        await Expect.ProblemAsync(await lars.ChangeStatusAsync(malmo, number, "declined", "Not ours"), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{malmo}/categories", new { name = "Trafik" }), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await lars.Client.GetAsync($"/api/v1/orgs/{malmo}/members"), HttpStatusCode.Forbidden);
        Assert.Equal("open", (await erik.GetIdeaAsync(malmo, number)).GetProperty("status").GetString());

        var comment = await Expect.JsonAsync(await lars.CommentAsync(malmo, number, "Good idea!"), HttpStatusCode.Created);
        Assert.False(comment.GetProperty("isStaff").GetBoolean());
    }

    [Fact]
    public async Task A_category_or_duplicate_of_another_organization_cannot_be_used()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var lars = await app.StaffOfAsync(soeborg);
        await app.GrantAsync(lars, malmo, Organizations.OrgRole.Staff);
        await Expect.JsonAsync(await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{soeborg}/categories", new { name = "Events" }), HttpStatusCode.Created);
        var soeborgIdea = await lars.SubmitIdeaAsync(soeborg, "Author talks");
        await lars.SubmitIdeaAsync(soeborg, "Second Søborg idea");
        var malmoIdea = await lars.SubmitIdeaAsync(malmo, "Författarkvällar");

        await Expect.InvalidFieldAsync(await lars.SubmitAsync(malmo, "Evenemang", category: "events"), "category");
        // Malmö has only #1, so "#2" must not resolve to Søborg's #2.
        await Expect.ProblemAsync(await lars.ChangeStatusAsync(malmo, malmoIdea, "duplicate", "Same", duplicateOf: 2), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, soeborgIdea);
    }

    [Fact]
    public async Task The_database_refuses_rows_written_into_another_organization()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        db.Tenant.Enter(await db.Organizations.SingleAsync(o => o.Slug == soeborg));
        var malmoId = await db.Organizations.Where(o => o.Slug == malmo).Select(o => o.Id).SingleAsync();

        db.Ideas.Add(new Idea { Title = "Smuggled", OrganizationId = malmoId, AuthorId = 1, Number = 99 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
