namespace Whuffie.Tests.Reputation;

/// <summary>
/// A person's public page in an organization, which exists only where they take part, and the
/// leaderboard, which ranks only people who chose to be on it.
/// </summary>
public sealed class ProfilesAndLeaderboard(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private async Task ShowOnLeaderboardAsync(Person person, bool show)
    {
        var browser = app.Browse();
        await browser.SignInAsync(person.Email);
        await browser.GetAsync("/me");
        Assert.Contains("Show me on the leaderboards", browser.Html, StringComparison.Ordinal);
        var saved = await browser.PostFormAsync("/me?handler=leaderboard", show ? [("ShowOnLeaderboard", "true")] : []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task A_persons_page_shows_their_ideas_credits_and_score_and_exists_only_where_they_take_part()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(soeborg);
        var launched = await sofie.SubmitIdeaAsync(soeborg, "Open on Sundays");
        await sofie.SubmitIdeaAsync(soeborg, "Board games to borrow");
        (await lars.ChangeStatusAsync(soeborg, launched, "launched", "Open Sundays 10-16.")).EnsureSuccessStatusCode();

        var visitor = app.Browse();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/{soeborg}/people/{sofie.Id}")).StatusCode);
        Assert.Contains("<h1>Sofie</h1>", visitor.Html, StringComparison.Ordinal);
        // Two ideas (10), one launched (15 for reaching it, 50 for the launch): 75, a regular.
        Assert.Contains("75 points in Søborg Bibliotek", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("Level: </span>Regular", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("75 points to the next level, Idea maker.", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("Ideas (2)", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("Board games to borrow</a> <span class=\"status status-open\">Open</span>", visitor.Html, StringComparison.Ordinal);
        var credits = visitor.Html[visitor.Html.IndexOf("Credited for launches", StringComparison.Ordinal)..visitor.Html.IndexOf("id=\"ideas-heading\"", StringComparison.Ordinal)];
        Assert.Contains("Open on Sundays", credits, StringComparison.Ordinal);
        Assert.DoesNotContain("Board games", credits, StringComparison.Ordinal);
        Assert.Contains("Comment that staff marked helpful", visitor.Html, StringComparison.Ordinal);

        // Not a member of Malmö: no page there, not even an empty one.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/{malmo}/people/{sofie.Id}")).StatusCode);
        Assert.DoesNotContain("Open on Sundays", visitor.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/{soeborg}/people/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/nowhere-at-all/people/{sofie.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_leaderboard_ranks_only_people_who_chose_it_highest_score_first()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var eve = await app.SignUpAsync("Eve");
        var bo = await app.SignUpAsync("Bo");
        var carl = await app.SignUpAsync("Carl");
        var sundays = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await sofie.SubmitIdeaAsync(org, "Board games to borrow");
        var podcasts = await eve.SubmitIdeaAsync(org, "Podcasts about books");
        await bo.SubmitIdeaAsync(org, "A café");
        for (var i = 1; i <= 3; i++) await carl.SubmitIdeaAsync(org, $"Carl's idea {i}");
        (await bo.VoteAsync(org, sundays)).EnsureSuccessStatusCode();
        (await eve.VoteAsync(org, sundays)).EnsureSuccessStatusCode();
        (await bo.VoteAsync(org, podcasts)).EnsureSuccessStatusCode();
        // Sofie 12, Carl 15 (not shown), Eve 6, Bo 5.
        foreach (var person in new[] { sofie, eve, bo }) await ShowOnLeaderboardAsync(person, true);

        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}");
        Assert.Contains($"href=\"/{org}/leaderboard\"", visitor.Html, StringComparison.Ordinal);
        await visitor.GetAsync($"/{org}/leaderboard");
        int At(Person person) => visitor.Html.IndexOf($"/people/{person.Id}\">{person.DisplayName}</a>", StringComparison.Ordinal);
        Assert.True(At(sofie) > 0 && At(sofie) < At(eve) && At(eve) < At(bo), "Sofie (12), then Eve (6), then Bo (5).");
        Assert.Equal(-1, At(carl));
        Assert.Contains("<td>12</td>", visitor.Html, StringComparison.Ordinal);

        await ShowOnLeaderboardAsync(eve, false);
        await visitor.GetAsync($"/{org}/leaderboard");
        Assert.Equal(-1, At(eve));
        Assert.True(At(sofie) > 0 && At(bo) > At(sofie));
    }
}
