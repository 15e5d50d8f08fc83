namespace Whuffie.ScaleOutTests;

/// <summary>Votes arriving at once through both instances are each counted once, in the database.</summary>
[Collection(DeploymentCollection.Name)]
public sealed class VotingAcrossInstances(TwoInstances deployment)
{
    private const int Voters = 50;

    [Fact]
    public async Task Fifty_people_voting_at_once_through_both_instances_are_counted_exactly()
    {
        var balancer = deployment.Balancer.Url;
        using var author = new Visitor();
        await author.SignUpAsync(balancer, balancer);
        await deployment.ConfirmAsync(author);
        var number = await Ideas.SubmitAsync(author, balancer, "Open the reading room on Sundays");
        var voters = Enumerable.Range(0, Voters).Select(_ => new Visitor()).ToList();
        await Task.WhenAll(voters.Select(v => v.SignUpAsync(balancer, balancer)));
        foreach (var voter in voters) await deployment.ConfirmAsync(voter);

        // Everyone votes at once, twice: the second vote races the first and must change nothing.
        var path = $"/api/v1/orgs/{TwoInstances.Org}/ideas/{number}/vote";
        var answers = await Task.WhenAll(voters.Concat(voters).Select(v => v.SendAsync(HttpMethod.Put, balancer, path)));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"A vote was refused: {(int)a.StatusCode}"));
        Assert.Equal(deployment.Instances.Order(), answers.Select(deployment.InstanceBehind).Distinct().Order());
        foreach (var instance in new[] { deployment.A, deployment.B })
        {
            using var idea = await author.GetAsync(instance.Url, $"/api/v1/orgs/{TwoInstances.Org}/ideas/{number}");
            Assert.Equal(Voters, JsonDocument.Parse(author.Html).RootElement.GetProperty("voteCount").GetInt32());
        }
        Assert.Equal(Voters, await deployment.CountAsync(
            """SELECT count(*) FROM "Votes" v JOIN "Ideas" i ON i."Id" = v."IdeaId" WHERE i."Number" = $1""", number));
        foreach (var v in voters) v.Dispose();
    }
}
