using Microsoft.EntityFrameworkCore;
using Whuffie.Cli;
using Whuffie.Ideas;

namespace Whuffie.Tests;

/// <summary>The example data a new operator sees first must be a forum that adds up.</summary>
public sealed class DemoDataTests(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task The_demo_command_adds_a_consistent_forum_once()
    {
        var output = new StringWriter();
        Assert.Equal(0, await Commands.RunAsync(app.Services, ["demo"], output));
        Assert.Contains("demo-password-1", output.ToString());

        var orgs = (await Expect.JsonAsync(await app.CreateClient().GetAsync("/api/v1/orgs"))).EnumerateArray()
            .Select(o => o.GetProperty("slug").GetString()!).ToList();
        Assert.Contains("soeborg-bibliotek", orgs);
        Assert.True(orgs.Count >= 3);

        foreach (var org in orgs)
        {
            var ideas = await app.InOrgAsync(org, db => db.Ideas.AsNoTracking().ToListAsync());
            Assert.True(ideas.Count >= 8, $"{org} has only {ideas.Count} ideas.");
            Assert.Contains(ideas, i => i.Status == IdeaStatus.Launched);
            Assert.Contains(ideas, i => i.Status == IdeaStatus.Declined);
            Assert.Contains(ideas, i => i.Status == IdeaStatus.Duplicate && i.DuplicateOfId != null);
            foreach (var idea in ideas)
            {
                var votes = await app.InOrgAsync(org, db => db.Votes.CountAsync(v => v.IdeaId == idea.Id));
                var comments = await app.InOrgAsync(org, db => db.Comments.CountAsync(c => c.IdeaId == idea.Id));
                var last = await app.InOrgAsync(org, db => db.StatusChanges.Where(s => s.IdeaId == idea.Id)
                    .OrderByDescending(s => s.At).Select(s => (IdeaStatus?)s.To).FirstOrDefaultAsync());
                Assert.Equal(votes, idea.VoteCount);
                Assert.Equal(comments, idea.CommentCount);
                Assert.Equal(last ?? IdeaStatus.Open, idea.Status);
            }
            var lastNumber = await app.InOrgAsync(org, db => db.Organizations.Where(o => o.Slug == org).Select(o => o.LastIdeaNumber).SingleAsync());
            Assert.Equal(ideas.Max(i => i.Number), lastNumber);
        }

        var again = new StringWriter();
        Assert.Equal(0, await Commands.RunAsync(app.Services, ["demo"], again));
        Assert.Contains("already there", again.ToString());
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "sofie@example.com", password = "demo-password-1" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
