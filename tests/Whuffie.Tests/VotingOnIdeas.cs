using Microsoft.EntityFrameworkCore;

namespace Whuffie.Tests;

public sealed class VotingOnIdeas(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_vote_counts_once_and_can_be_withdrawn()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");

        var first = await Expect.JsonAsync(await sofie.VoteAsync(org, number));
        Assert.True(first.GetProperty("voted").GetBoolean());
        Assert.Equal(1, first.GetProperty("voteCount").GetInt32());

        var again = await Expect.JsonAsync(await sofie.VoteAsync(org, number));
        Assert.Equal(1, again.GetProperty("voteCount").GetInt32());

        var withdrawn = await Expect.JsonAsync(await sofie.UnvoteAsync(org, number));
        Assert.False(withdrawn.GetProperty("voted").GetBoolean());
        Assert.Equal(0, withdrawn.GetProperty("voteCount").GetInt32());

        var withdrawnAgain = await Expect.JsonAsync(await sofie.UnvoteAsync(org, number));
        Assert.Equal(0, withdrawnAgain.GetProperty("voteCount").GetInt32());
        Assert.Equal(0, (await sofie.GetIdeaAsync(org, number)).GetProperty("voteCount").GetInt32());
    }

    [Fact]
    public async Task Fifty_people_voting_at_once_give_an_exact_count()
    {
        var org = await app.CreateOrgAsync();
        var author = await app.SignUpAsync("Sofie");
        var number = await author.SubmitIdeaAsync(org, "A makerspace in the basement");
        var voters = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => app.SignUpAsync($"Voter {i}")));

        // Everyone votes twice at the same moment, and ten of them also withdraw and vote again.
        var responses = await Task.WhenAll(voters.SelectMany(v => new[] { v.VoteAsync(org, number), v.VoteAsync(org, number) }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Task.WhenAll(voters.Take(10).Select(async v => { await v.UnvoteAsync(org, number); await v.VoteAsync(org, number); }));

        var idea = await author.GetIdeaAsync(org, number);
        Assert.Equal(50, idea.GetProperty("voteCount").GetInt32());
        var stored = await app.InOrgAsync(org, db => db.Votes.CountAsync(v => db.Ideas.Any(i => i.Id == v.IdeaId && i.Number == number)));
        Assert.Equal(50, stored);
    }

    [Fact]
    public async Task Voting_makes_a_person_a_member_of_the_organization()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Longer opening hours");
        var jonas = await app.SignUpAsync("Jonas");

        await jonas.VoteAsync(org, number);

        var me = await jonas.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var membership = Assert.Single(me.GetProperty("memberships").EnumerateArray());
        Assert.Equal(org, membership.GetProperty("org").GetString());
        Assert.Equal("member", membership.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Voting_needs_an_account_and_an_existing_idea()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Audiobooks for children");

        await Expect.ProblemAsync(await app.CreateClient().PutAsync($"/api/v1/orgs/{org}/ideas/{number}/vote", null), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await sofie.VoteAsync(org, 999), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await sofie.UnvoteAsync(org, 999), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await sofie.VoteAsync("no-such-org", number), HttpStatusCode.NotFound);
        Assert.Equal(0, (await sofie.GetIdeaAsync(org, number)).GetProperty("voteCount").GetInt32());
    }
}
