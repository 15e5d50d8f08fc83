namespace Whuffie.Tests.Pages;

/// <summary>
/// The pages' forms without JavaScript: plain posts, a redirect back on success, and on
/// failure the same page with what the person typed and a message beside the field.
/// </summary>
public sealed class UsingTheForms(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_person_signs_up_submits_votes_and_comments()
    {
        var org = await app.CreateOrgAsync();
        var browser = app.Browse();
        await browser.GetAsync("/signup");
        var email = $"{WhuffieFactory.Unique("ida")}@example.com";
        var signedUp = await browser.PostFormAsync("/signup", ("Email", email), ("DisplayName", "Ida"), ("Password", "long-enough-1"), ("ReturnUrl", $"/{org}"));
        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);
        Assert.Contains("Check your email", browser.Html, StringComparison.Ordinal);
        await app.ConfirmAsync(email); // as the emailed link does (Accounts/ConfirmingAndRecovering follows the real one)
        await browser.SignInAsync(email, "long-enough-1");

        await browser.GetAsync($"/{org}/ideas/new");
        var submitted = await browser.PostFormAsync($"/{org}/ideas/new", ("Title", "Open on Sundays"), ("Body", "Please **do**."), ("Category", ""));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var ideaUrl = submitted.Headers.Location!.OriginalString;
        Assert.Equal($"/{org}/ideas/1/open-on-sundays", ideaUrl);

        await browser.GetAsync(ideaUrl);
        var voted = await browser.PostFormAsync($"/{org}/ideas/1?handler=vote", ("remove", "false"), ("returnUrl", ideaUrl));
        Assert.Equal(ideaUrl, voted.Headers.Location?.OriginalString);
        var commented = await browser.PostFormAsync($"/{org}/ideas/1?handler=comment", ("CommentBody", "Even two hours would help."));
        Assert.StartsWith($"/{org}/ideas/1#comment-", commented.Headers.Location?.OriginalString, StringComparison.Ordinal);

        await browser.GetAsync(ideaUrl);
        Assert.Contains("<h1>Open on Sundays</h1>", browser.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>do</strong>", browser.Html, StringComparison.Ordinal);
        Assert.Contains("data-vote-count=\"1\">1<", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Remove vote", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Even two hours would help.", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_says_why_beside_the_field()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync($"/{org}/ideas/new");

        var refused = await browser.PostFormAsync($"/{org}/ideas/new", ("Title", "ab"), ("Body", "My careful description"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("My careful description</textarea>", browser.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"title-hint title-error\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"title-error\">Use at least 3 characters.", browser.Html, StringComparison.Ordinal);
        Assert.Equal(0, await app.InOrgAsync(org, db => Task.FromResult(db.Ideas.Count())));
    }

    [Fact]
    public async Task Staff_must_write_an_answer_to_move_an_idea()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var number = await lars.SubmitIdeaAsync(org, "Open on Sundays");
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/ideas/{number}");

        var refused = await browser.PostFormAsync($"/{org}/ideas/{number}?handler=status", ("NewStatus", "planned"), ("Answer", " "));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"answer-error\">Write the public answer", browser.Html, StringComparison.Ordinal);
        Assert.Equal("open", (await lars.GetIdeaAsync(org, number)).GetProperty("status").GetString());

        var accepted = await browser.PostFormAsync($"/{org}/ideas/{number}?handler=status", ("NewStatus", "planned"), ("Answer", "From March, on trial."));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await browser.GetAsync($"/{org}/roadmap");
        Assert.Contains("Open on Sundays", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("From March, on trial.", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_cannot_reach_staff_pages_and_strangers_are_asked_to_sign_in()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        var stranger = app.Browse();
        var member = app.Browse();
        await member.SignInAsync(sofie.Email);

        foreach (var page in new[] { "admin/categories", "admin/members", "admin/branding" })
        {
            var redirected = await stranger.GetAsync($"/{org}/{page}");
            Assert.StartsWith("/signin?ReturnUrl=", redirected.Headers.Location?.PathAndQuery ?? redirected.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/{org}/{page}")).StatusCode);
            Assert.Contains("You may not do this", member.Html, StringComparison.Ordinal);
        }
        await member.GetAsync($"/{org}/ideas/{number}");
        Assert.DoesNotContain("Change the status", member.Html, StringComparison.Ordinal);
        var forged = await member.PostFormAsync($"/{org}/ideas/{number}?handler=status", ("NewStatus", "declined"), ("Answer", "No"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);

        var forged = await browser.Client.PostAsync($"/{org}/ideas/{number}?handler=vote", new FormUrlEncodedContent([new("remove", "false")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, (await sofie.GetIdeaAsync(org, number)).GetProperty("voteCount").GetInt32());
    }

    [Fact]
    public async Task Another_organizations_idea_is_not_found_through_these_pages()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var sofie = await app.SignUpAsync("Sofie");
        await sofie.SubmitIdeaAsync(soeborg, "Open on Sundays");

        var browser = app.Browse();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/{malmo}/ideas/1")).StatusCode);
        Assert.Contains("Page not found", browser.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/no-such-org")).StatusCode);
    }
}
