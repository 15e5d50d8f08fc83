using Microsoft.EntityFrameworkCore;
using static Whuffie.Tests.Limits.LimitTesting;

namespace Whuffie.Tests.Limits;

/// <summary>Comments and votes: a signed-in person is counted per account, from wherever they write.</summary>
public sealed class WriteLimits(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_comment_past_the_limit_is_refused_and_not_saved_on_the_API_and_the_page()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await using var limited = app.WithLimit("Comment", 2);
        var api = limited.Client(sofie);
        var url = $"/api/v1/orgs/{org}/ideas/{number}/comments";
        foreach (var n in new[] { 1, 2 })
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, url, new { body = $"Comment {n}" })).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Post, url, new { body = "Comment 3" }, "da"), Danish);
        // From another address too: the account is what is counted.
        await RefusedAsync(await limited.Client(sofie, "2001:db8:77::1").SendAsync(HttpMethod.Post, url, new { body = "Comment 3" }), English);
        Assert.Equal(2, await app.InOrgAsync(org, db => db.Comments.CountAsync()));

        var browser = limited.Browse();
        await browser.SignInAsync(sofie.Email);
        var ideaUrl = $"/{org}/ideas/{number}";
        foreach (var n in new[] { 1, 2 })
        {
            await browser.GetAsync(ideaUrl);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"{ideaUrl}?handler=comment", ("CommentBody", $"Page comment {n}"))).StatusCode);
        }
        await browser.GetAsync(ideaUrl);
        var refused = await browser.PostFormAsync($"{ideaUrl}?handler=comment", ("CommentBody", "Page comment 3"));
        RefusedPage(refused, browser, EnglishPage, English);
        Assert.Equal(4, await app.InOrgAsync(org, db => db.Comments.CountAsync()));
        // Reading the page is never counted.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(ideaUrl)).StatusCode);
    }

    [Fact]
    public async Task The_vote_limit_follows_the_account_across_addresses_and_a_refused_vote_changes_nothing()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.SignUpAsync("Lars");
        var number = await lars.SubmitIdeaAsync(org, "Open on Sundays");
        await using var limited = app.WithLimit("Vote", 3);
        var url = $"/api/v1/orgs/{org}/ideas/{number}/vote";
        Assert.True((await limited.Client(sofie, "198.51.100.1").PutAsync(url, null)).IsSuccessStatusCode);
        Assert.True((await limited.Client(sofie, "198.51.100.2").DeleteAsync(url)).IsSuccessStatusCode);
        Assert.True((await limited.Client(sofie, "2001:db8:5::1").PutAsync(url, null)).IsSuccessStatusCode);

        await RefusedAsync(await limited.Client(sofie, "203.0.113.9").SendAsync(HttpMethod.Delete, url, language: "da"), Danish);
        Assert.Equal(1, (await sofie.GetIdeaAsync(org, number)).GetProperty("voteCount").GetInt32());
        // Someone else at Sofie's first address votes as usual.
        Assert.True((await limited.Client(lars, "198.51.100.1").PutAsync(url, null)).IsSuccessStatusCode);

        var mette = await app.SignUpAsync("Mette");
        var browser = limited.Browse();
        await browser.SignInAsync(mette.Email);
        var ideaUrl = $"/{org}/ideas/{number}";
        foreach (var remove in new[] { "false", "true", "false" })
        {
            await browser.GetAsync(ideaUrl);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"{ideaUrl}?handler=vote", ("remove", remove), ("returnUrl", ideaUrl))).StatusCode);
        }
        await browser.GetAsync(ideaUrl);
        RefusedPage(await browser.PostFormAsync($"{ideaUrl}?handler=vote", ("remove", "true"), ("returnUrl", ideaUrl)), browser, EnglishPage, English);
        Assert.Equal(3, (await sofie.GetIdeaAsync(org, number)).GetProperty("voteCount").GetInt32());
    }
}
