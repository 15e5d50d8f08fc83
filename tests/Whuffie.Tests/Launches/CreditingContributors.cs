using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;

namespace Whuffie.Tests.Launches;

/// <summary>
/// A launch credits the person whose idea it was and the people staff add because their
/// comments shaped it, on the idea, in the changelog and its feed, and in what they are told.
/// </summary>
public sealed class CreditingContributors(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static Task<HttpResponseMessage> CreditAsync(Person staff, string org, int number, int[] people, string? namedAfter = null) =>
        staff.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/credits", new { coContributors = people, namedAfter });

    [Fact]
    public async Task Staff_credit_people_who_took_part_and_the_credit_shows_everywhere_the_launch_does()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var carl = await app.SignUpAsync("Carl");
        var eve = await app.SignUpAsync("Eve");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Board games to borrow");
        (await bo.CommentAsync(org, number, "Start with games for two players.")).EnsureSuccessStatusCode();
        (await carl.VoteAsync(org, number)).EnsureSuccessStatusCode();
        (await lars.ChangeStatusAsync(org, number, "launched", "Forty games on the shelf by the door.")).EnsureSuccessStatusCode();

        using (var stranger = await CreditAsync(lars, org, number, [bo.Id, eve.Id])) await Expect.InvalidFieldAsync(stranger, "coContributors");
        using (var member = await CreditAsync(bo, org, number, [bo.Id])) await Expect.ProblemAsync(member, HttpStatusCode.Forbidden);
        using (var saved = await CreditAsync(lars, org, number, [carl.Id, bo.Id, sofie.Id], "The games shelf is named after Sofie."))
        {
            var credits = await Expect.JsonAsync(saved);
            Assert.Equal(["Bo", "Carl"], credits.GetProperty("coContributors").EnumerateArray().Select(c => c.GetProperty("displayName").GetString()));
            Assert.Equal("Sofie", credits.GetProperty("author").GetProperty("displayName").GetString());
        }

        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("Idea by Sofie, with Bo and Carl, credited for this launch.", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("The games shelf is named after Sofie.", visitor.Html, StringComparison.Ordinal);
        await visitor.GetAsync($"/{org}/changelog");
        Assert.Contains("Idea by Sofie, with Bo and Carl", visitor.Html, StringComparison.Ordinal);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await app.CreateClient().GetStringAsync($"/{org}/changelog.atom")).Root!;
        var entry = feed.Elements(atom + "entry").Single();
        Assert.Equal(["Bo", "Carl"], entry.Elements(atom + "contributor").Select(c => c.Element(atom + "name")!.Value));

        // Staff see the form with the people who took part; Eve did not.
        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        await staff.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains($"id=\"credit-{bo.Id}\" name=\"coContributors\" value=\"{bo.Id}\" checked=\"checked\"", staff.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"credit-{eve.Id}\"", staff.Html, StringComparison.Ordinal);
        var cleared = await staff.PostFormAsync($"/{org}/ideas/{number}?handler=credits", ("namedAfter", ""));
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        await staff.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("Idea by Sofie, credited for this launch.", staff.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Co_contributors_credited_before_the_launch_are_told_they_are_credited()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Reading glasses at the desk");
        (await bo.CommentAsync(org, number, "Three strengths would cover most of us.")).EnsureSuccessStatusCode();
        (await CreditAsync(lars, org, number, [bo.Id])).EnsureSuccessStatusCode();

        (await lars.ChangeStatusAsync(org, number, "launched", "Six pairs at the front desk.")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();

        var told = await app.InOrgAsync(org, db => db.Notifications.AsNoTracking().Where(n => n.UserId == bo.Id && n.Status != null).SingleAsync());
        Assert.True(told.Credited);
        var email = await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.UserId == bo.Id && e.EventKey.StartsWith("status:")));
        Assert.Contains("names you in the launch note for helping shape this idea", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("You submitted this idea", email.TextBody, StringComparison.Ordinal);
    }
}
