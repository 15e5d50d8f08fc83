using Microsoft.EntityFrameworkCore;
using Whuffie.Cli;

namespace Whuffie.Tests;

/// <summary>`whuffie demo --scale …`: the data the benchmarks run on must be as consistent as real data.</summary>
public sealed class BenchmarkDataSet(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task The_benchmark_data_set_adds_up_and_its_people_can_sign_in()
    {
        var output = new StringWriter();
        Assert.Equal(0, await Commands.RunAsync(app.Services, ["demo", "--scale", "small"], output));
        var size = Demo.ScaleData.Sizes["small"];

        foreach (var org in Enumerable.Range(1, size.Organizations).Select(Demo.ScaleData.OrgSlug))
        {
            var ideas = await app.InOrgAsync(org, db => db.Ideas.AsNoTracking()
                .Select(i => new { i.VoteCount, i.CommentCount, Votes = db.Votes.Count(v => v.IdeaId == i.Id), Comments = db.Comments.Count(c => c.IdeaId == i.Id) })
                .ToListAsync());
            Assert.Equal(size.IdeasPerOrganization, ideas.Count);
            Assert.All(ideas, i => Assert.Equal((i.Votes, i.Comments), (i.VoteCount, i.CommentCount)));
            Assert.Equal(size.CommentsPerOrganization, ideas.Sum(i => i.Comments));
        }
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.ScaleData.Email(7), password = Demo.ScaleData.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var again = new StringWriter();
        Assert.Equal(0, await Commands.RunAsync(app.Services, ["demo", "--scale", "small"], again));
        Assert.Contains("already there", again.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await Commands.RunAsync(app.Services, ["demo", "--scale", "huge"], new StringWriter()));
    }
}
