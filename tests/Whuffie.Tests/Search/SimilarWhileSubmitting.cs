namespace Whuffie.Tests.Search;

/// <summary>The submit form without JavaScript: ideas like the new one are a step before it is sent.</summary>
public sealed class SimilarWhileSubmitting(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Ideas_like_it_are_shown_before_sending_and_one_can_vote_for_one_instead()
    {
        var org = await app.CreateOrgAsync();
        var existing = await (await app.SignUpAsync("Author")).SubmitIdeaAsync(org, "Flere biblioteker i kommunen");
        var sofie = await app.SignUpAsync("Sofie");
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync($"/{org}/ideas/new");

        var step = await browser.PostFormAsync($"/{org}/ideas/new", ("Title", "Et bibliotek mere"), ("Body", ""), ("SeenSimilar", "false"));

        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("Is it one of these?", browser.Html);
        Assert.Contains($"formaction=\"/{org}/ideas/{existing}?handler=vote\"", browser.Html);
        Assert.Contains("name=\"SeenSimilar\" value=\"true\"", browser.Html);
        Assert.Contains("value=\"Et bibliotek mere\"", browser.Html);
        Assert.Equal(1, await app.InOrgAsync(org, db => Task.FromResult(db.Ideas.Count())));

        // "Vote for this instead" posts the same form to the idea's vote handler.
        var url = $"/{org}/ideas/{existing}/flere-biblioteker-i-kommunen";
        var voted = await browser.PostFormAsync($"/{org}/ideas/{existing}?handler=vote", ("Title", "Et bibliotek mere"), ("returnUrl", url));
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Equal(url, voted.Headers.Location?.OriginalString);
        Assert.Equal(1, (await sofie.GetIdeaAsync(org, existing)).GetProperty("voteCount").GetInt32());

        // Or it was a different idea after all.
        await browser.GetAsync($"/{org}/ideas/new");
        var sent = await browser.PostFormAsync($"/{org}/ideas/new", ("Title", "Et bibliotek mere"), ("Body", ""), ("SeenSimilar", "true"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(2, await app.InOrgAsync(org, db => Task.FromResult(db.Ideas.Count())));
    }

    [Fact]
    public async Task A_title_like_nothing_else_is_sent_at_once_and_the_script_gets_the_list_alone()
    {
        var org = await app.CreateOrgAsync();
        var existing = await (await app.SignUpAsync("Author")).SubmitIdeaAsync(org, "Flere biblioteker i kommunen");
        var browser = app.Browse();
        await browser.SignInAsync((await app.SignUpAsync("Sofie")).Email);
        await browser.GetAsync($"/{org}/ideas/new");

        var sent = await browser.PostFormAsync($"/{org}/ideas/new", ("Title", "Cykelstativer ved stationen"), ("Body", ""), ("SeenSimilar", "false"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var fragment = await browser.GetAsync($"/{org}/ideas/new?handler=similar&title={Uri.EscapeDataString("biblioteket")}");
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.DoesNotContain("<html", browser.Html);
        Assert.Contains($"/{org}/ideas/{existing}/", browser.Html);
        await browser.GetAsync($"/{org}/ideas/new?handler=similar&title=" + new string('x', 10_001));
        Assert.DoesNotContain("<li>", browser.Html);
    }
}
