namespace Whuffie.Tests;

/// <summary>People discuss an idea with each other and with staff, in one flat list.</summary>
public sealed class Commenting(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Comments_are_listed_in_order_and_staff_comments_are_marked()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");

        var posted = await sofie.CommentAsync(org, number, "Even **two** hours would help.");
        var first = await Expect.JsonAsync(posted, HttpStatusCode.Created);
        Assert.Equal(posted.Headers.Location?.OriginalString, $"/api/v1/orgs/{org}/ideas/{number}/comments/{first.GetProperty("id").GetInt32()}");
        Assert.Contains("<strong>two</strong>", first.GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.False(first.GetProperty("isStaff").GetBoolean());
        await Expect.JsonAsync(await lars.CommentAsync(org, number, "We are looking at the budget."), HttpStatusCode.Created);

        var page = await Expect.JsonAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/{number}/comments"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Sofie", "Lars"], items.Select(c => c.GetProperty("author").GetProperty("displayName").GetString()));
        Assert.Equal([false, true], items.Select(c => c.GetProperty("isStaff").GetBoolean()));
        Assert.Equal(sofie.Id, items[0].GetProperty("author").GetProperty("id").GetInt32());
        Assert.Equal(2, (await sofie.GetIdeaAsync(org, number)).GetProperty("commentCount").GetInt32());

        var one = await Expect.JsonAsync(await app.CreateClient().GetAsync(posted.Headers.Location));
        Assert.Equal("Even **two** hours would help.", one.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Comments_are_paged_and_the_count_stays_exact()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => sofie.CommentAsync(org, number, $"Comment {i}")));

        var page = await Expect.JsonAsync(await sofie.Client.GetAsync($"/api/v1/orgs/{org}/ideas/{number}/comments?page=2&pageSize=5"));
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        var last = await Expect.JsonAsync(await sofie.Client.GetAsync($"/api/v1/orgs/{org}/ideas/{number}/comments?page=3&pageSize=5"));
        Assert.Equal(2, last.GetProperty("items").GetArrayLength());
        Assert.False(last.GetProperty("hasMore").GetBoolean());
        Assert.Equal(12, (await sofie.GetIdeaAsync(org, number)).GetProperty("commentCount").GetInt32());
        await Expect.InvalidFieldAsync(await sofie.Client.GetAsync($"/api/v1/orgs/{org}/ideas/{number}/comments?sort=new"), "sort");
    }

    [Fact]
    public async Task Commenting_needs_an_account_and_some_text()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");

        await Expect.ProblemAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/comments", new { body = "Hi" }), HttpStatusCode.Unauthorized);
        await Expect.InvalidFieldAsync(await sofie.CommentAsync(org, number, "   "), "body");
        Assert.Equal(0, (await sofie.GetIdeaAsync(org, number)).GetProperty("commentCount").GetInt32());
    }
}
