using Microsoft.EntityFrameworkCore;

namespace Whuffie.Tests;

/// <summary>
/// Every endpoint that takes a body, fed malformed, missing, mistyped and over-long input:
/// each answer is a readable problem document, and the organization's data is exactly as before.
/// </summary>
public sealed class BadInput(WhuffieFactory app) : IClassFixture<WhuffieFactory>, IAsyncLifetime
{
    private string _org = "";
    private Person _admin = null!;
    private Person _member = null!;

    public async Task InitializeAsync()
    {
        _org = await app.CreateOrgAsync();
        _admin = await app.SignUpAsync("Lars");
        await app.GrantAsync(_admin, _org, Organizations.OrgRole.Admin);
        await app.MakePlatformAdminAsync(_admin);
        _member = await app.SignUpAsync("Sofie");
        await _member.SubmitIdeaAsync(_org, "Open on Sundays", "Many of us work weekdays.");
        await _member.CommentAsync(_org, 1, "Please!");
        await Expect.JsonAsync(await _admin.Client.PostAsJsonAsync($"/api/v1/orgs/{_org}/categories", new { name = "Opening hours" }), HttpStatusCode.Created);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Each endpoint that takes JSON, and a valid body for it (to prove the others fail for their own reason).</summary>
    public static TheoryData<string, string, string> Endpoints() => new()
    {
        { "POST", "/api/v1/orgs/{org}/ideas", """{"title":"Longer loans","body":"Four weeks."}""" },
        { "PUT", "/api/v1/orgs/{org}/ideas/1", """{"title":"Open on Sundays","body":"Reworded."}""" },
        { "POST", "/api/v1/orgs/{org}/ideas/1/status", """{"status":"planned","answer":"From March."}""" },
        { "POST", "/api/v1/orgs/{org}/ideas/1/comments", """{"body":"Yes"}""" },
        { "POST", "/api/v1/orgs/{org}/categories", """{"name":"Events"}""" },
        { "PUT", "/api/v1/orgs/{org}/categories/opening-hours", """{"name":"Hours"}""" },
        { "PUT", "/api/v1/orgs/{org}/members/{member}/role", """{"role":"staff"}""" },
        { "POST", "/api/v1/orgs", """{"slug":"new-org","name":"New"}""" },
        { "PUT", "/api/v1/me", """{"displayName":"Lars Holm"}""" },
    };

    private string Url(string template) =>
        template.Replace("{org}", _org, StringComparison.Ordinal).Replace("{member}", _member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private Task<HttpResponseMessage> SendAsync(string method, string url, HttpContent? content) =>
        _admin.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(url)) { Content = content });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Malformed_json_is_a_400_that_says_where(string method, string url, string valid)
    {
        var before = await SnapshotAsync();
        var problem = await Expect.ProblemAsync(await SendAsync(method, url, Json(valid[..^3])), HttpStatusCode.BadRequest);
        Assert.Contains("malformed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_missing_body_is_a_400(string method, string url, string valid)
    {
        _ = valid;
        var before = await SnapshotAsync();
        await Expect.ProblemAsync(await SendAsync(method, url, Json("")), HttpStatusCode.BadRequest);
        await Expect.ProblemAsync(await SendAsync(method, url, Json("null")), HttpStatusCode.BadRequest);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_body_that_is_not_json_is_a_415(string method, string url, string valid)
    {
        var before = await SnapshotAsync();
        await Expect.ProblemAsync(await SendAsync(method, url, new StringContent(valid, Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_field_of_the_wrong_type_is_named(string method, string url, string valid)
    {
        var before = await SnapshotAsync();
        // Turn the first string value into an object: still JSON, wrong shape.
        var first = valid.IndexOf(":\"", StringComparison.Ordinal);
        var end = valid.IndexOf('"', first + 2);
        var mistyped = valid[..(first + 1)] + "{\"x\":1}" + valid[(end + 1)..];
        var field = valid[2..valid.IndexOf('"', 2)];
        var problem = await Expect.ProblemAsync(await SendAsync(method, url, Json(mistyped)), HttpStatusCode.BadRequest);
        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_empty_object_names_the_required_field(string method, string url, string valid)
    {
        var before = await SnapshotAsync();
        var field = valid[2..valid.IndexOf('"', 2)];
        await Expect.InvalidFieldAsync(await SendAsync(method, url, Json("{}")), field);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas", "title", 141)]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas", "body", 10_001)]
    [InlineData("PUT", "/api/v1/orgs/{org}/ideas/1", "title", 141)]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas/1/comments", "body", 5_001)]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas/1/status", "answer", 5_001)]
    [InlineData("POST", "/api/v1/orgs/{org}/categories", "name", 61)]
    [InlineData("POST", "/api/v1/orgs", "name", 101)]
    [InlineData("PUT", "/api/v1/me", "displayName", 61)]
    public async Task An_over_long_field_is_refused_with_its_limit(string method, string url, string field, int length)
    {
        var before = await SnapshotAsync();
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Fine title",
            ["status"] = "planned",
            ["answer"] = "Fine answer",
            ["name"] = "Fine name",
            ["slug"] = "fine-slug",
            ["body"] = "Fine body",
            ["displayName"] = "Fine name",
            [field] = new string('x', length),
        };
        var problem = await Expect.InvalidFieldAsync(await SendAsync(method, url, JsonContent.Create(body)), field);
        Assert.Contains($"at most {length - 1}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/orgs/{org}/ideas/99", """{"title":"x y z"}""")]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas/99/status", """{"status":"planned","answer":"Soon"}""")]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas/99/comments", """{"body":"Hello"}""")]
    [InlineData("PUT", "/api/v1/orgs/{org}/ideas/99/vote", null)]
    [InlineData("PUT", "/api/v1/orgs/{org}/categories/nope", """{"name":"Nope"}""")]
    [InlineData("DELETE", "/api/v1/orgs/{org}/categories/nope", null)]
    [InlineData("PUT", "/api/v1/orgs/{org}/members/999999/role", """{"role":"staff"}""")]
    [InlineData("GET", "/api/v1/orgs/{org}/ideas/1/comments/999999", null)]
    [InlineData("GET", "/api/v1/orgs/no-such-org/ideas", null)]
    public async Task An_unknown_id_is_a_404_that_names_it(string method, string url, string? json)
    {
        var before = await SnapshotAsync();
        await Expect.ProblemAsync(await SendAsync(method, url, json is null ? null : Json(json)), HttpStatusCode.NotFound);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("POST", "/api/v1/orgs/{org}/ideas/1/status", """{"status":"planned","answer":"Soon"}""")]
    [InlineData("POST", "/api/v1/orgs/{org}/categories", """{"name":"Events"}""")]
    [InlineData("PUT", "/api/v1/orgs/{org}/categories/opening-hours", """{"name":"Hours"}""")]
    [InlineData("DELETE", "/api/v1/orgs/{org}/categories/opening-hours", null)]
    [InlineData("GET", "/api/v1/orgs/{org}/members", null)]
    [InlineData("PUT", "/api/v1/orgs/{org}/members/{member}/role", """{"role":"admin"}""")]
    [InlineData("POST", "/api/v1/orgs", """{"slug":"mine","name":"Mine"}""")]
    public async Task The_wrong_role_is_a_403_and_no_account_a_401(string method, string url, string? json)
    {
        var before = await SnapshotAsync();
        var request = () => new HttpRequestMessage(new HttpMethod(method), Url(url)) { Content = json is null ? null : Json(json) };
        await Expect.ProblemAsync(await _member.Client.SendAsync(request()), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await app.CreateClient().SendAsync(request()), HttpStatusCode.Unauthorized);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_stale_or_forged_token_is_a_401()
    {
        var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        await Expect.ProblemAsync(await stranger.PostAsJsonAsync($"/api/v1/orgs/{_org}/ideas", new { title = "Sneaky" }), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await stranger.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    /// <summary>PostgreSQL cannot store a NUL character in text: it is refused by name, on both databases, never a 500.</summary>
    [Fact]
    public async Task Control_characters_in_text_are_refused_by_field()
    {
        var before = await SnapshotAsync();
        await Expect.InvalidFieldAsync(await _member.SubmitAsync(_org, "Open\u0000late"), "title");
        await Expect.InvalidFieldAsync(await _member.SubmitAsync(_org, "Open late", "Please\u0007"), "body");
        await Expect.InvalidFieldAsync(await _member.CommentAsync(_org, 1, "Yes\u0000"), "body");
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(HttpStatusCode.Created, (await _member.SubmitAsync(_org, "Open late", "Tabs\tand\r\nnew lines are fine")).StatusCode);
    }

    /// <summary>Everything the organization holds, in a comparable form.</summary>
    private async Task<string> SnapshotAsync() => await app.InOrgAsync(_org, async db =>
    {
        var ideas = await db.Ideas.OrderBy(i => i.Number)
            .Select(i => $"#{i.Number} {i.Title}|{i.Body}|{i.Status}|{i.CategoryId}|{i.VoteCount}|{i.CommentCount}").ToListAsync();
        var comments = await db.Comments.OrderBy(c => c.Id).Select(c => c.Body).ToListAsync();
        var categories = await db.Categories.OrderBy(c => c.Id).Select(c => c.Slug + "=" + c.Name).ToListAsync();
        var roles = await db.Memberships.OrderBy(m => m.UserId).Select(m => m.UserId + ":" + m.Role).ToListAsync();
        var votes = await db.Votes.CountAsync();
        var changes = await db.StatusChanges.CountAsync();
        var orgs = await db.Organizations.CountAsync();
        var names = await db.Users.OrderBy(u => u.Id).Select(u => u.DisplayName).ToListAsync();
        return string.Join("\n", [.. ideas, .. comments, .. categories, .. roles, $"votes {votes}", $"changes {changes}", $"orgs {orgs}", .. names]);
    });
}
