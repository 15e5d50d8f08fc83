using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;
using Whuffie.Insights;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests;

/// <summary>
/// The insights page with something to draw: ideas, votes and comments spread over past weeks,
/// a launch and answers to "did it help?". Its three charts and tables meet WCAG 2.1 AA on a
/// desktop and on a 360 px phone, where nothing makes the page scroll sideways.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ReadingInsights(WhuffieSite site) : BrowserTest(site)
{
    [Theory]
    [InlineData("en", 1280)]
    [InlineData("da", 360)]
    public async Task The_charts_and_their_tables_meet_WCAG_2_1_AA_and_fit_a_phone(string language, int width)
    {
        var (org, staff) = await SeedAsync();
        var page = await NewPageAsync(language, width: width);
        await WhuffieSite.SignInAsync(page, staff, $"/{org}/admin/insights");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Strings.Get(language, "Insights.Title"));
        await Expect(page.GetByRole(AriaRole.Img)).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = Strings.Get(language, "Insights.IdeasChart") })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(4);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways; only the tables' own regions may.");
        await AxeAssert.NoViolationsAsync(page);
        await Screenshots.SaveScreenshotAsync(page, $"insights-{language}-{width}");
    }

    /// <summary>Activity through the API, then moved back into past weeks (the API dates everything now).</summary>
    private async Task<(string Org, TestUser Staff)> SeedAsync()
    {
        var org = await Site.CreateOrgAsync("Westbrook Library");
        var staff = await Site.CreateUserAsync("Ida Staff", (org, OrgRole.Staff));
        var people = new List<TestUser>();
        foreach (var name in new[] { "Ali Reader", "Bea Reader", "Carl Reader", "Dina Reader" }) people.Add(await Site.CreateUserAsync(name));
        var ideas = new List<int>();
        for (var i = 0; i < 6; i++) ideas.Add(await Site.SubmitIdeaAsync(people[i % people.Count], org, $"Idea number {i + 1}"));
        for (var i = 0; i < ideas.Count; i++)
            foreach (var voter in people.Skip(i % 3)) await Site.VoteAsync(voter, org, ideas[i]);
        await Site.CommentAsync(people[1], org, ideas[0], "Yes, please.");
        await Site.ChangeStatusAsync(staff, org, ideas[0], "launched", "Done.");
        await Site.ChangeStatusAsync(staff, org, ideas[1], "planned", "In spring.");
        foreach (var (person, answer) in people.Zip(new[] { "yes", "yes", "partly", "no" }))
            await Site.AnswerHelpedAsync(person, org, ideas[0], answer);

        await using var scope = Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        db.Tenant.Enter(await db.Organizations.SingleAsync(o => o.Slug == org));
        var monday = InsightFigures.MondayOf(TimeProvider.System.GetUtcNow().UtcDateTime);
        // Idea n (and its votes) n + 1 weeks back, answers a day after each idea.
        foreach (var (number, weeksBack) in ideas.Select((n, i) => (n, 2 * i + 1)))
        {
            var at = monday.AddDays(-7 * weeksBack + 1);
            await db.Ideas.Where(i => i.Number == number).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, at));
            await db.Votes.Where(v => db.Ideas.Any(i => i.Id == v.IdeaId && i.Number == number)).ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAt, at));
            await db.Comments.Where(c => db.Ideas.Any(i => i.Id == c.IdeaId && i.Number == number)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, at));
            await db.StatusChanges.Where(c => db.Ideas.Any(i => i.Id == c.IdeaId && i.Number == number)).ExecuteUpdateAsync(s => s.SetProperty(c => c.At, at.AddDays(1)));
        }
        return (org, staff);
    }
}
