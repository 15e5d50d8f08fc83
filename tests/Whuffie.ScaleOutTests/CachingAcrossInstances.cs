namespace Whuffie.ScaleOutTests;

/// <summary>
/// Each instance caches anonymous pages in its own memory. A change made through one instance
/// empties the other's cache (PostgreSQL NOTIFY, heard by every instance's LISTEN), so the
/// very next request to the other instance shows it.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class CachingAcrossInstances(TwoInstances deployment)
{
    // Only this deployment's database: other tests (the mail crash test) run app processes on the same server.
    private const string Listeners = """SELECT count(*) FROM pg_stat_activity WHERE application_name = 'whuffie page cache listener' AND datname = current_database()""";

    [Fact]
    public async Task A_page_cached_on_one_instance_shows_a_change_made_on_the_other_at_once()
    {
        await ChangeOnOneSeeOnTheOtherAsync("Longer loans in summer");
    }

    [Fact]
    public async Task An_instance_that_lost_its_listening_connection_listens_again()
    {
        Assert.Equal(2, await deployment.CountAsync(Listeners));

        // As if the database restarted under them: both listening connections are cut.
        await deployment.CountAsync("""SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'whuffie page cache listener' AND datname = current_database()""");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await deployment.CountAsync(Listeners) < 2)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The instances did not listen again within 20 s.");
            await Task.Delay(100);
        }

        await ChangeOnOneSeeOnTheOtherAsync("Board games to borrow");
    }

    private async Task ChangeOnOneSeeOnTheOtherAsync(string title)
    {
        using var author = new Visitor();
        await author.SignUpAsync(deployment.A.Url, deployment.A.Url);
        await deployment.ConfirmAsync(author);
        var number = await Ideas.SubmitAsync(author, deployment.A.Url, title);
        var votes = 0;

        foreach (var (cachedOn, changedOn) in new[] { (deployment.B, deployment.A), (deployment.A, deployment.B) })
        {
            using var stranger = new Visitor();
            await stranger.GetAsync(cachedOn.Url, $"/{TwoInstances.Org}");
            using var cached = await stranger.GetAsync(cachedOn.Url, $"/{TwoInstances.Org}");
            Assert.True(cached.Headers.Age is not null, $"The second anonymous visit to {cachedOn.Name} should come from its cache.");
            Assert.Contains(VoteCount(number, votes), stranger.Html, StringComparison.Ordinal);

            using var voter = new Visitor();
            await voter.SignUpAsync(changedOn.Url, changedOn.Url);
            await deployment.ConfirmAsync(voter);
            using var vote = await voter.SendAsync(HttpMethod.Put, changedOn.Url, $"/api/v1/orgs/{TwoInstances.Org}/ideas/{number}/vote");
            Assert.True(vote.IsSuccessStatusCode, $"The vote on {changedOn.Name} was refused: {(int)vote.StatusCode}");
            votes++;

            using var after = await stranger.GetAsync(cachedOn.Url, $"/{TwoInstances.Org}");
            Assert.Null(after.Headers.Age);
            Assert.Contains(VoteCount(number, votes), stranger.Html, StringComparison.Ordinal);
        }
    }

    private static string VoteCount(int number, int count) => $"data-vote-count=\"{number}\">{count}<";
}
