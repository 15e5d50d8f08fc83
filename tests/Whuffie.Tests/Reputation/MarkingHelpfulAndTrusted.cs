using Whuffie.Reputation;

namespace Whuffie.Tests.Reputation;

/// <summary>
/// What staff decide about reputation, and only staff: marking a comment helpful, and making a
/// member a trusted contributor; through the API and through the pages without JavaScript.
/// </summary>
public sealed class MarkingHelpfulAndTrusted(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static string HelpfulUrl(string org, int number, int comment) => $"/api/v1/orgs/{org}/ideas/{number}/comments/{comment}/helpful";

    private static string TrustedUrl(string org, Person person) => $"/api/v1/orgs/{org}/members/{person.Id}/trusted";

    private Task<int> ScoreAsync(string org, Person person) =>
        app.InOrgAsync(org, async db => (await Scores.ForAsync(db, [person.Id], default))[person.Id].Score);

    [Fact]
    public async Task Only_staff_mark_a_comment_helpful_and_the_comment_says_so()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        var comment = (await Expect.JsonAsync(await bo.CommentAsync(org, number, "Families would come."), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var staffComment = (await Expect.JsonAsync(await lars.CommentAsync(org, number, "We are looking at it."), HttpStatusCode.Created)).GetProperty("id").GetInt32();

        await Expect.ProblemAsync(await sofie.Client.PutAsync(HelpfulUrl(org, number, comment), null), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await app.CreateClient().PutAsync(HelpfulUrl(org, number, comment), null), HttpStatusCode.Unauthorized);
        Assert.Equal(0, await ScoreAsync(org, bo));

        for (var twice = 0; twice < 2; twice++)
        {
            var marked = await Expect.JsonAsync(await lars.Client.PutAsync(HelpfulUrl(org, number, comment), null));
            Assert.True(marked.GetProperty("markedHelpful").GetBoolean());
        }
        Assert.Equal(10, await ScoreAsync(org, bo));
        var listed = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/ideas/{number}/comments");
        Assert.Equal([true, false], listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("markedHelpful").GetBoolean()));
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("Marked helpful by staff", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=helpful", visitor.Html, StringComparison.Ordinal);

        await Expect.ProblemAsync(await lars.Client.PutAsync(HelpfulUrl(org, number, staffComment), null), HttpStatusCode.UnprocessableEntity);
        await Expect.ProblemAsync(await lars.Client.PutAsync(HelpfulUrl(org, number, 999_999), null), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await lars.Client.PutAsync(HelpfulUrl(org, 999, comment), null), HttpStatusCode.NotFound);

        var unmarked = await Expect.JsonAsync(await lars.Client.DeleteAsync(HelpfulUrl(org, number, comment)));
        Assert.False(unmarked.GetProperty("markedHelpful").GetBoolean());
        Assert.Equal(0, await ScoreAsync(org, bo));
    }

    [Fact]
    public async Task Staff_mark_a_comment_helpful_on_the_idea_page_without_javascript()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Longer loans in summer");
        var comment = (await Expect.JsonAsync(await bo.CommentAsync(org, number, "Six weeks would be great."), HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var member = app.Browse();
        await member.SignInAsync(sofie.Email);
        await member.GetAsync($"/{org}/ideas/{number}");
        Assert.DoesNotContain("Mark as helpful", member.Html, StringComparison.Ordinal);
        var refused = await member.PostFormAsync($"/{org}/ideas/{number}?handler=helpful", ("commentId", comment.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("helpful", "true"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        await staff.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("Mark as helpful", staff.Html, StringComparison.Ordinal);
        var marked = await staff.PostFormAsync($"/{org}/ideas/{number}?handler=helpful", ("commentId", comment.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("helpful", "true"));
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.EndsWith($"#comment-{comment}", marked.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await staff.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("Marked helpful by staff", staff.Html, StringComparison.Ordinal);
        Assert.Contains("Remove the helpful mark", staff.Html, StringComparison.Ordinal);
        Assert.Equal(10, await ScoreAsync(org, bo));
    }

    [Fact]
    public async Task Only_staff_grant_and_revoke_trust_and_only_to_members()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var stranger = await app.SignUpAsync("Eve");
        var lars = await app.StaffOfAsync(org);
        await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await bo.SubmitIdeaAsync(org, "A café");
        await stranger.SubmitIdeaAsync(await app.CreateOrgAsync(), "Elsewhere");

        await Expect.ProblemAsync(await bo.Client.PutAsync(TrustedUrl(org, bo), null), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await bo.Client.PutAsync(TrustedUrl(org, sofie), null), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await lars.Client.PutAsync(TrustedUrl(org, stranger), null), HttpStatusCode.NotFound);

        var granted = await Expect.JsonAsync(await lars.Client.PutAsync(TrustedUrl(org, sofie), null));
        Assert.True(granted.GetProperty("trusted").GetBoolean());
        Assert.Equal(sofie.Id, granted.GetProperty("user").GetProperty("id").GetInt32());
        Assert.True(await app.InOrgAsync(org, async db => (await Scores.ForAsync(db, [sofie.Id], default))[sofie.Id].Trusted));
        var members = await lars.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/members");
        Assert.Equal([sofie.Id], members.EnumerateArray().Where(m => m.GetProperty("trusted").GetBoolean()).Select(m => m.GetProperty("user").GetProperty("id").GetInt32()));

        await Expect.ProblemAsync(await bo.Client.DeleteAsync(TrustedUrl(org, sofie)), HttpStatusCode.Forbidden);
        var revoked = await Expect.JsonAsync(await lars.Client.DeleteAsync(TrustedUrl(org, sofie)));
        Assert.False(revoked.GetProperty("trusted").GetBoolean());
        Assert.False(await app.InOrgAsync(org, async db => (await Scores.ForAsync(db, [sofie.Id], default))[sofie.Id].Trusted));
    }

    [Fact]
    public async Task Staff_grant_trust_on_the_persons_page()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await bo.SubmitIdeaAsync(org, "A café");
        var page = $"/{org}/people/{sofie.Id}";

        var visitor = app.Browse();
        await visitor.GetAsync(page);
        Assert.DoesNotContain("handler=trusted", visitor.Html, StringComparison.Ordinal);

        var member = app.Browse();
        await member.SignInAsync(bo.Email);
        await member.GetAsync(page);
        Assert.DoesNotContain("handler=trusted", member.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostFormAsync($"{page}?handler=trusted", ("trusted", "true"))).StatusCode);

        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        await staff.GetAsync(page);
        Assert.Contains("Make Sofie a trusted contributor", staff.Html, StringComparison.Ordinal);
        var granted = await staff.PostFormAsync($"{page}?handler=trusted", ("trusted", "true"));
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        await staff.GetAsync(page);
        Assert.Contains("Take trusted status away from Sofie", staff.Html, StringComparison.Ordinal);

        await visitor.GetAsync(page);
        Assert.Contains("<span class=\"badge trusted\">Trusted</span>", visitor.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync($"/{org}/people/999999?handler=trusted", ("trusted", "true"))).StatusCode);
    }
}
