using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// An organization that looks lived in: categories, ideas with votes and comments, answers from
/// staff in several statuses, and people in every role. For the accessibility sweep (pages with
/// real content, not empty lists) and the screenshots in the docs. Seeded once per run; tests
/// only read it, so they may share it.
/// </summary>
public sealed record Showcase(
    string Org,
    TestUser Member,
    TestUser Staff,
    TestUser Admin,
    int AnsweredIdea,
    string AnsweredIdeaTitle,
    int OpenIdea,
    int LaunchedIdea,
    string ManageToken)
{
    internal static async Task<Showcase> SeedAsync(WhuffieSite site)
    {
        var org = await site.CreateOrgAsync("Riverside Library");
        var admin = await site.CreateUserAsync("Hanna Berg", (org, OrgRole.Admin));
        var staff = await site.CreateUserAsync("Jonas Lind", (org, OrgRole.Staff));
        var member = await site.CreateUserAsync("Maria Olsen");
        var others = new List<TestUser>();
        foreach (var name in new[] { "Peter Holm", "Aisha Khan", "Lars Dahl", "Sofie Nyberg", "Tomas Eriksen" })
            others.Add(await site.CreateUserAsync(name));

        var hours = await site.AddCategoryAsync(staff, org, "Opening hours");
        var children = await site.AddCategoryAsync(staff, org, "Children and families");
        _ = await site.AddCategoryAsync(staff, org, "Digital services");

        const string sundayTitle = "Open on Sunday afternoons";
        var sunday = await site.SubmitIdeaAsync(others[0], org, sundayTitle,
            "Many of us work all week. **Sunday from 12 to 16** would let families come together.", hours);
        var games = await site.SubmitIdeaAsync(others[1], org, "Lend out board games",
            "Board games are expensive, and trying one before buying would be great.", children);
        var quiet = await site.SubmitIdeaAsync(member, org, "A quiet study room you can book online",
            "During exams every seat is taken. A room you can book for two hours would help.");
        var ebooks = await site.SubmitIdeaAsync(others[2], org, "Longer loan period for e-books");

        foreach (var voter in others) await site.VoteAsync(voter, org, sunday);
        await site.VoteAsync(member, org, sunday);
        foreach (var voter in others.Take(3)) await site.VoteAsync(voter, org, games);
        await site.VoteAsync(member, org, games);
        foreach (var voter in others.Skip(3)) await site.VoteAsync(voter, org, quiet);
        await site.VoteAsync(others[3], org, ebooks);

        await site.CommentAsync(others[3], org, sunday, "Yes please! Saturday mornings are always crowded.");
        var twoHours = await site.CommentAsync(member, org, sunday, "Even two hours on Sunday would make a difference.");
        await site.ChangeStatusAsync(staff, org, sunday, "planned",
            "Thank you all! We will open **12 to 16 on Sundays** from March, as a six-month trial.");
        await site.CommentAsync(staff, org, sunday, "We will share the exact start date here in February.");
        await site.CommentAsync(others[4], org, games, "Our family would borrow these every weekend.");
        await site.ChangeStatusAsync(staff, org, games, "under_review",
            "We are asking the children's department how many games we could look after.");
        await site.ChangeStatusAsync(staff, org, games, "launched",
            "Forty games are on the shelf by the children's corner: borrow them for two weeks, like books.");
        await site.ChangeStatusAsync(staff, org, ebooks, "declined",
            "The publishers set the loan period for e-books, so we cannot change it.");

        // Reputation: a helpful comment, a trusted contributor, and a few people on the leaderboard.
        await site.MarkHelpfulAsync(staff, org, sunday, twoHours);
        await site.TrustAsync(staff, org, others[0]);
        foreach (var person in new[] { member, others[0], others[3] }) await site.ShowOnLeaderboardAsync(person);

        // Notices the member subscribed to while signed in, so the profile's notice forms are in the sweep.
        var branch = await site.AddNoticeTopicAsync(staff, org, "Main branch");
        _ = await site.AddNoticeTopicAsync(staff, org, "Bookmobile");
        await site.SubscribeAsync(member, org, "email", member.Email, branch);
        await site.AllowSmsCountriesAsync(admin, org, "+44, +45");
        await site.SubscribeAsync(member, org, "sms", "+4512345678");

        // The token of the member's email subscription: its manage page is in the sweep too.
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        var orgId = await db.Organizations.Where(o => o.Slug == org).Select(o => o.Id).SingleAsync();
        var token = await db.NoticeSubscriptions.IgnoreQueryFilters().Where(s => s.OrganizationId == orgId && s.Channel == Whuffie.Deliveries.Channel.Email)
            .Select(s => s.Token).SingleAsync();

        return new Showcase(org, member, staff, admin, sunday, sundayTitle, quiet, games, token);
    }
}
