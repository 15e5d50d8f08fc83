using Whuffie.Reputation;

namespace Whuffie.Tests.Reputation;

/// <summary>
/// Whuffie adds up by the rules in docs/whuffie.md: checked against a score worked out by hand
/// that touches every rule, including what earns nothing (your own vote, voting, commenting, a
/// duplicate), per organization and summed over the installation.
/// </summary>
public sealed class EarningWhuffie(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static async Task OkAsync(Task<HttpResponseMessage> request) => (await request).EnsureSuccessStatusCode();

    private static async Task<int> CommentIdAsync(Person person, string org, int number, string body)
    {
        var response = await person.CommentAsync(org, number, body);
        return (await Expect.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> HelpedAsync(Person person, string org, int number, string answer) =>
        person.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/helped", new { answer });

    [Fact]
    public async Task A_score_matches_the_one_worked_out_by_hand_rule_by_rule()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var eve = await app.SignUpAsync("Eve");
        var carl = await app.SignUpAsync("Carl");
        var lars = await app.StaffOfAsync(org);

        var sundays = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        var games = await sofie.SubmitIdeaAsync(org, "Board games to borrow");
        var weekends = await sofie.SubmitIdeaAsync(org, "Open at weekends");
        var cafe = await bo.SubmitIdeaAsync(org, "A café");
        foreach (var (voter, number) in new[] { (bo, sundays), (eve, sundays), (sofie, sundays), (bo, games), (carl, weekends), (bo, weekends), (sofie, cafe) })
            await OkAsync(voter.VoteAsync(org, number));

        // Carl's vote is carried over to Sundays; Bo had voted there already.
        await OkAsync(lars.ChangeStatusAsync(org, weekends, "duplicate", "The same as Sundays.", duplicateOf: sundays));
        await OkAsync(lars.ChangeStatusAsync(org, sundays, "planned", "Planned for spring."));
        await OkAsync(lars.ChangeStatusAsync(org, sundays, "in_progress", "Hiring now."));
        await OkAsync(lars.ChangeStatusAsync(org, sundays, "launched", "Open Sundays 10-16."));
        await OkAsync(lars.ChangeStatusAsync(org, games, "planned", "We will try it."));
        await OkAsync(lars.ChangeStatusAsync(org, games, "declined", "No shelf room after all."));

        await OkAsync(HelpedAsync(bo, org, sundays, "yes"));
        await OkAsync(HelpedAsync(eve, org, sundays, "partly"));
        await OkAsync(HelpedAsync(carl, org, sundays, "no"));
        await OkAsync(HelpedAsync(sofie, org, sundays, "yes"));

        var helpful = await CommentIdAsync(sofie, org, cafe, "Serve tea too, please.");
        var unmarked = await CommentIdAsync(sofie, org, cafe, "And cake.");
        await CommentIdAsync(sofie, org, games, "Chess first.");
        await CommentIdAsync(bo, org, sundays, "Yes please.");
        await OkAsync(lars.Client.PutAsync($"/api/v1/orgs/{org}/ideas/{cafe}/comments/{helpful}/helpful", null));
        await OkAsync(lars.Client.PutAsync($"/api/v1/orgs/{org}/ideas/{cafe}/comments/{unmarked}/helpful", null));
        await OkAsync(lars.Client.DeleteAsync($"/api/v1/orgs/{org}/ideas/{cafe}/comments/{unmarked}/helpful"));

        var tallies = await app.InOrgAsync(org, db => Scores.TalliesAsync(db, [sofie.Id], everywhere: false, default));
        // Ideas: Sundays and board games, not the duplicate. Votes from others: Bo, Eve and Carl's
        // carried vote on Sundays, Bo on board games; her own and those on the duplicate earn nothing.
        // Reached: Sundays, and board games (planned, later declined). Launched: Sundays. Answers:
        // Bo yes, Eve partly (Carl's no and her own yes earn nothing). Helpful: one comment.
        Assert.Equal(new Tally(Ideas: 2, VotesReceived: 4, Reached: 2, Launched: 1, HelpedYes: 1, HelpedPartly: 1, HelpfulComments: 1), tallies[sofie.Id]);

        var standings = await app.InOrgAsync(org, db => Scores.ForAsync(db, [sofie.Id, bo.Id, eve.Id, carl.Id, lars.Id], default));
        // 2×5 + 4×1 + 2×15 + 1×50 + 1×3 + 1×1 + 1×10
        Assert.Equal(108, standings[sofie.Id].Score);
        Assert.Equal(Level.Regular, standings[sofie.Id].Level);
        // Bo: the café (+5) and Sofie's vote on it (+1); his four votes and his comment earn nothing.
        Assert.Equal(Standing.Of(6, trusted: false), standings[bo.Id]);
        Assert.Equal(0, standings[eve.Id].Score);
        Assert.Equal(0, standings[carl.Id].Score);
        Assert.Equal(0, standings[lars.Id].Score);
    }

    [Fact]
    public async Task The_installation_wide_score_is_the_sum_over_organizations()
    {
        var soeborg = await app.CreateOrgAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(soeborg);
        var here = await sofie.SubmitIdeaAsync(soeborg, "Open on Sundays");
        await OkAsync(lars.ChangeStatusAsync(soeborg, here, "launched", "Open Sundays 10-16."));
        var there = await sofie.SubmitIdeaAsync(malmo, "More benches");
        await OkAsync(bo.VoteAsync(malmo, there));

        var inSoeborg = await app.InOrgAsync(soeborg, db => Scores.ForAsync(db, [sofie.Id], default));
        var inMalmo = await app.InOrgAsync(malmo, db => Scores.ForAsync(db, [sofie.Id], default));
        var everywhere = await app.InOrgAsync(malmo, db => Scores.AcrossInstallationAsync(db, [sofie.Id], default));
        Assert.Equal(5 + 15 + 50, inSoeborg[sofie.Id].Score);
        Assert.Equal(5 + 1, inMalmo[sofie.Id].Score);
        Assert.Equal(76, everywhere[sofie.Id]);

        var visitor = app.Browse();
        await visitor.GetAsync($"/{malmo}/people/{sofie.Id}");
        Assert.Contains("6 points in Malmö stad", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("76 points across all organizations", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("More benches", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Open on Sundays", visitor.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, Level.Newcomer)]
    [InlineData(9, Level.Newcomer)]
    [InlineData(10, Level.Contributor)]
    [InlineData(49, Level.Contributor)]
    [InlineData(50, Level.Regular)]
    [InlineData(149, Level.Regular)]
    [InlineData(150, Level.IdeaMaker)]
    [InlineData(399, Level.IdeaMaker)]
    [InlineData(400, Level.LocalHero)]
    [InlineData(100_000, Level.LocalHero)]
    public void Levels_start_at_their_thresholds(int score, Level level) =>
        Assert.Equal(level, Levels.For(score));

    [Fact]
    public async Task The_idea_page_shows_the_level_beside_the_author_and_each_commenter()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Longer loans in summer");
        await sofie.SubmitIdeaAsync(org, "Audio books for children");
        await OkAsync(bo.CommentAsync(org, number, "Six weeks would be great."));
        await OkAsync(lars.Client.PutAsync($"/api/v1/orgs/{org}/members/{sofie.Id}/trusted", null));

        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/ideas/{number}");
        // Sofie: two ideas, 10 points, a contributor and trusted; Bo: a newcomer.
        Assert.Contains($"<a href=\"/{org}/people/{sofie.Id}\">Sofie</a>", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">Level: </span>Contributor</span>", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge trusted\">Trusted</span>", visitor.Html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/{org}/people/{bo.Id}\">Bo</a>", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">Level: </span>Newcomer</span>", visitor.Html, StringComparison.Ordinal);
    }
}
