namespace Whuffie.Tests;

public sealed class SubmittingAndListingIdeas(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_submitted_idea_is_numbered_per_organization_and_found_at_its_location()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var sofie = await app.SignUpAsync("Sofie");

        var response = await sofie.SubmitAsync(soeborg, "  Open on Sundays  ", "We work all week.\n\n- Sunday\n- Holidays");
        var created = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/orgs/{soeborg}/ideas/1", response.Headers.Location?.OriginalString);
        Assert.Equal(1, created.GetProperty("number").GetInt32());
        Assert.Equal("Open on Sundays", created.GetProperty("title").GetString());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.Equal("Sofie", created.GetProperty("author").GetProperty("displayName").GetString());
        Assert.Equal(sofie.Id, created.GetProperty("author").GetProperty("id").GetInt32());
        Assert.Contains("<li>Sunday</li>", created.GetProperty("bodyHtml").GetString());

        Assert.Equal(2, await sofie.SubmitIdeaAsync(soeborg, "Study rooms"));
        Assert.Equal(1, await sofie.SubmitIdeaAsync(malmo, "Cykelbanor längs kusten"));

        var fetched = await Expect.JsonAsync(await app.CreateClient().GetAsync(response.Headers.Location));
        Assert.Equal("Open on Sundays", fetched.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, fetched.GetProperty("votedByMe").ValueKind);
    }

    [Fact]
    public async Task Ideas_submitted_at_the_same_moment_get_distinct_numbers()
    {
        var org = await app.CreateOrgAsync();
        var people = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.SignUpAsync($"Patron {i}")));

        var numbers = await Task.WhenAll(people.Select((p, i) => p.SubmitIdeaAsync(org, $"Idea number {i}")));

        Assert.Equal(Enumerable.Range(1, 20), numbers.Order());
    }

    [Fact]
    public async Task Markdown_in_an_idea_cannot_carry_scripts()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var body = "<script>alert(1)</script> [click](javascript:alert(1)) [site](https://example.org) <img src=x onerror=alert(1)>";

        var idea = await Expect.JsonAsync(await sofie.SubmitAsync(org, "Safe markdown", body), HttpStatusCode.Created);

        var html = idea.GetProperty("bodyHtml").GetString()!;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("href=\"https://example.org\"", html);
        Assert.Equal(body, idea.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Submitting_needs_an_account_and_a_proper_title()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");

        await Expect.ProblemAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/ideas", new { title = "Anonymous idea" }), HttpStatusCode.Unauthorized);
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, null), "title");
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, "  "), "title");
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, "ab"), "title");
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, new string('t', 141)), "title");
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, "Long body", new string('b', 10_001)), "body");
        await Expect.InvalidFieldAsync(await sofie.SubmitAsync(org, "Unknown category", category: "nope"), "category");
        await Expect.ProblemAsync(await sofie.SubmitAsync("no-such-org", "Hello there"), HttpStatusCode.NotFound);

        var list = await Expect.JsonAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas"));
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        // The refused submissions used no numbers either.
        Assert.Equal(1, await sofie.SubmitIdeaAsync(org, "The first real idea"));
    }

    [Fact]
    public async Task The_author_may_reword_an_open_idea_and_staff_may_always()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var jonas = await app.SignUpAsync("Jonas");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on sundays");
        var url = $"/api/v1/orgs/{org}/ideas/{number}";

        var edited = await Expect.JsonAsync(await sofie.Client.PutAsJsonAsync(url, new { title = "Open on Sundays", body = "From *10* to 16" }));
        Assert.Equal("Open on Sundays", edited.GetProperty("title").GetString());
        Assert.Contains("<em>10</em>", edited.GetProperty("bodyHtml").GetString());
        Assert.True(edited.GetProperty("updatedAt").GetDateTime() >= edited.GetProperty("createdAt").GetDateTime());

        await Expect.ProblemAsync(await jonas.Client.PutAsJsonAsync(url, new { title = "Hijacked" }), HttpStatusCode.Forbidden);
        await Expect.InvalidFieldAsync(await sofie.Client.PutAsJsonAsync(url, new { title = "" }), "title");
        await lars.ChangeStatusAsync(org, number, "planned", "We will do it");
        await Expect.ProblemAsync(await sofie.Client.PutAsJsonAsync(url, new { title = "Open every day" }), HttpStatusCode.Conflict);
        await Expect.JsonAsync(await lars.Client.PutAsJsonAsync(url, new { title = "Open on Sundays (10–16)" }));

        Assert.Equal("Open on Sundays (10–16)", (await jonas.GetIdeaAsync(org, number)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_list_filters_by_status_sorts_and_pages()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var voters = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => app.SignUpAsync($"Voter {i}")));
        var few = await lars.SubmitIdeaAsync(org, "Few votes");
        var many = await lars.SubmitIdeaAsync(org, "Many votes");
        var none = await lars.SubmitIdeaAsync(org, "No votes");
        await voters[0].VoteAsync(org, few);
        foreach (var v in voters) await v.VoteAsync(org, many);
        await lars.ChangeStatusAsync(org, none, "planned", "Coming in spring");

        var anonymous = app.CreateClient();
        async Task<List<int>> Numbers(string query) =>
            (await Expect.JsonAsync(await anonymous.GetAsync($"/api/v1/orgs/{org}/ideas{query}")))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32()).ToList();

        Assert.Equal([many, few, none], await Numbers(""));
        Assert.Equal([many, few, none], await Numbers("?sort=top"));
        Assert.Equal([none, many, few], await Numbers("?sort=new"));
        Assert.Equal(many, (await Numbers("?sort=trending"))[0]);
        Assert.Equal([none], await Numbers("?status=planned"));
        Assert.Equal([many, few], await Numbers("?status=open"));
        Assert.Equal([many, few, none], await Numbers("?status=open,planned"));
        Assert.Empty(await Numbers("?status=launched"));

        var page2 = await Expect.JsonAsync(await anonymous.GetAsync($"/api/v1/orgs/{org}/ideas?sort=new&page=2&pageSize=2"));
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.False(page2.GetProperty("hasMore").GetBoolean());
        Assert.Equal(few, Assert.Single(page2.GetProperty("items").EnumerateArray()).GetProperty("number").GetInt32());
        var page1 = await Expect.JsonAsync(await anonymous.GetAsync($"/api/v1/orgs/{org}/ideas?sort=new&pageSize=2"));
        Assert.True(page1.GetProperty("hasMore").GetBoolean());

        var item = (await Expect.JsonAsync(await anonymous.GetAsync($"/api/v1/orgs/{org}/ideas?sort=top&pageSize=1"))).GetProperty("items")[0];
        Assert.Equal(3, item.GetProperty("voteCount").GetInt32());
        Assert.Equal(0, item.GetProperty("commentCount").GetInt32());
        foreach (var field in new[] { "number", "title", "body", "status", "category", "author", "voteCount", "commentCount", "createdAt" })
            Assert.True(item.TryGetProperty(field, out _), $"An idea in the list lacks '{field}'.");
    }

    [Theory]
    [InlineData("?sort=best", "sort")]
    [InlineData("?sort=1", "sort")]
    [InlineData("?status=done", "status")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?stauts=open", "stauts")]
    public async Task Unknown_list_parameters_are_refused_not_ignored(string query, string field)
    {
        var org = await app.CreateOrgAsync();
        await Expect.InvalidFieldAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas{query}"), field);
    }

    [Fact]
    public async Task An_unknown_idea_or_organization_is_a_404_that_says_so()
    {
        var org = await app.CreateOrgAsync();
        var client = app.CreateClient();

        var idea = await Expect.ProblemAsync(await client.GetAsync($"/api/v1/orgs/{org}/ideas/77"), HttpStatusCode.NotFound);
        Assert.Contains("#77", idea.GetProperty("detail").GetString());
        var orgProblem = await Expect.ProblemAsync(await client.GetAsync("/api/v1/orgs/atlantis/ideas"), HttpStatusCode.NotFound);
        Assert.Contains("atlantis", orgProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document()
    {
        var doc = await Expect.JsonAsync(await app.CreateClient().GetAsync("/api/v1/openapi.json"));
        var paths = doc.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/orgs/{org}/ideas", "/api/v1/orgs/{org}/ideas/{number}", "/api/v1/orgs/{org}/ideas/{number}/vote",
            "/api/v1/orgs/{org}/ideas/{number}/comments", "/api/v1/orgs/{org}/ideas/{number}/status", "/api/v1/orgs/{org}/categories",
            "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/me",
        })
            Assert.True(paths.TryGetProperty(path, out _), $"The OpenAPI document lacks {path}.");
    }
}
