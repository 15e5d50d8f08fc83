using Microsoft.EntityFrameworkCore;
using Whuffie.Ideas;
using Whuffie.Reputation;

namespace Whuffie.Tests.Reputation;

/// <summary>
/// The daily submission limit, the perk that makes trust matter: five ideas per rolling 24 hours
/// for members, twenty-five for trusted contributors and staff; over it a 429 that says when,
/// and nothing saved. Time passes by moving earlier ideas back in the database.
/// </summary>
public sealed class LimitingSubmissions(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private async Task SubmitManyAsync(Person person, string org, int count)
    {
        for (var i = 1; i <= count; i++) await person.SubmitIdeaAsync(org, $"{person.DisplayName}'s idea {i}");
    }

    /// <summary>Moves the person's ideas back in time, newest first, to the given hours ago.</summary>
    private Task MoveBackAsync(string org, Person person, params double[] hoursAgo) => app.InOrgAsync(org, async db =>
    {
        var now = app.Now;
        var ideas = await db.Ideas.Where(i => i.AuthorId == person.Id).OrderByDescending(i => i.Number).ToListAsync();
        for (var i = 0; i < hoursAgo.Length; i++) ideas[i].CreatedAt = now.AddHours(-hoursAgo[i]);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_members_sixth_idea_in_a_day_is_refused_saying_when_and_nothing_is_saved()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        await SubmitManyAsync(sofie, org, SubmissionLimit.PerDay);

        using var refused = await sofie.SubmitAsync(org, "One more", "It is a good one.");
        var problem = await Expect.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("You have submitted 5 ideas here in the last 24 hours, the most one day allows. You can submit your next idea in 24 h.",
            problem.GetProperty("detail").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.Equal((5, 5), await app.InOrgAsync(org, async db => (
            await db.Ideas.CountAsync(i => i.AuthorId == sofie.Id),
            await db.Organizations.Where(o => o.Slug == org).Select(o => o.LastIdeaNumber).SingleAsync())));

        // The limit-th newest idea leaves the window in an hour: then there is room again.
        await MoveBackAsync(org, sofie, 1, 5, 10, 20, 23);
        using (var soon = await sofie.SubmitAsync(org, "One more"))
        {
            var detail = (await Expect.ProblemAsync(soon, HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString();
            Assert.EndsWith("You can submit your next idea in 1 h.", detail, StringComparison.Ordinal);
        }
        using (var danish = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orgs/{org}/ideas") { Content = JsonContent.Create(new { title = "En mere" }) })
        {
            danish.Headers.AcceptLanguage.ParseAdd("da");
            var detail = (await Expect.ProblemAsync(await sofie.Client.SendAsync(danish), HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString();
            Assert.EndsWith("Om 1 t. kan du foreslå din næste idé.", detail, StringComparison.Ordinal);
        }

        await MoveBackAsync(org, sofie, 1, 5, 10, 20, 25);
        Assert.Equal(6, await sofie.SubmitIdeaAsync(org, "One more"));
    }

    [Fact]
    public async Task Trusted_contributors_and_staff_may_submit_more_until_trust_is_revoked()
    {
        var org = await app.CreateOrgAsync();
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        await bo.SubmitIdeaAsync(org, "A café");
        (await lars.Client.PutAsync($"/api/v1/orgs/{org}/members/{bo.Id}/trusted", null)).EnsureSuccessStatusCode();

        await SubmitManyAsync(bo, org, SubmissionLimit.PerDay);
        await SubmitManyAsync(lars, org, SubmissionLimit.PerDay + 1);

        (await lars.Client.DeleteAsync($"/api/v1/orgs/{org}/members/{bo.Id}/trusted")).EnsureSuccessStatusCode();
        await Expect.ProblemAsync(await bo.SubmitAsync(org, "Yet another"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_trusted_limit_holds_too()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        await SubmitManyAsync(lars, org, 1);
        // The other 24 of the day, written straight to the table: the API would take as long as it is dull.
        await app.InOrgAsync(org, async db =>
        {
            var first = await db.Ideas.SingleAsync(i => i.AuthorId == lars.Id);
            for (var n = 2; n <= SubmissionLimit.PerDayTrusted; n++)
                db.Ideas.Add(new Idea { Number = 1000 + n, Title = $"Heard at the counter {n}", AuthorId = lars.Id, CreatedAt = first.CreatedAt, UpdatedAt = first.CreatedAt });
            return await db.SaveChangesAsync();
        });
        var problem = await Expect.ProblemAsync(await lars.SubmitAsync(org, "One too many"), HttpStatusCode.TooManyRequests);
        Assert.StartsWith("You have submitted 25 ideas", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_submit_page_shows_the_limit_and_keeps_what_was_typed()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        await SubmitManyAsync(sofie, org, SubmissionLimit.PerDay);
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync($"/{org}/ideas/new");

        var refused = await browser.PostFormAsync($"/{org}/ideas/new", ("Title", "A sixth idea"), ("Body", "Worth the wait."), ("Category", ""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("You have submitted 5 ideas here in the last 24 hours", browser.Html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"A sixth idea\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Worth the wait.", browser.Html, StringComparison.Ordinal);
    }
}
