using Microsoft.EntityFrameworkCore;
using Whuffie.Insights;

namespace Whuffie.Tests.Insights;

/// <summary>
/// Twelve weeks of Søborg library's forum, submitted through the API and then dated by hand
/// relative to the Monday that starts the week of <c>now</c> (w11 is the last whole week, w0 the
/// first shown). The values each test expects are worked out from this list:
/// <list type="bullet">
/// <item>w0: staff first answer #D (submitted the Sunday before w0, 2 days earlier).</item>
/// <item>w8: Eve comments on #D at 23:59:59 on its Sunday.</item>
/// <item>w9: Eve submits #C at 00:00 on its Monday; Bo, Sofie and Dan vote for it; staff launch it 4 days later.</item>
/// <item>w10: nothing at all.</item>
/// <item>w11: Sofie submits #A, Bo votes for it, Eve too, Sofie comments on it twice and staff answer
/// with a comment 3 days later; Bo submits #B on the Sunday, Sofie votes for it and staff merge it
/// into #A two hours later (Sofie's vote is carried over to #A: not a second vote cast).</item>
/// <item>now's own week: Bo submits #E at 00:00 on its Monday; it is not a whole week yet.</item>
/// <item>Another organization: Sofie submits an idea there in w11; it must count nowhere here.</item>
/// <item>"Did it help?" about #C: Eve and Sofie yes, Bo partly, Dan no.</item>
/// </list>
/// </summary>
internal static class ListeningScenario
{
    public sealed record Seeded(string Org, Person Staff, Person Member, DateTime LastWeek);

    public static async Task<Seeded> SeedAsync(WhuffieFactory app, DateTime now)
    {
        var monday = InsightFigures.MondayOf(now);
        DateTime Week(int w) => monday.AddDays(7 * (w - InsightFigures.WeekCount));

        var org = await app.CreateOrgAsync();
        var other = await app.CreateOrgAsync("malmo", "Malmö stad");
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var eve = await app.SignUpAsync("Eve");
        var dan = await app.SignUpAsync("Dan");
        var lars = await app.StaffOfAsync(org);

        var a = await sofie.SubmitIdeaAsync(org, "Open on Sunday afternoons");
        var b = await bo.SubmitIdeaAsync(org, "Sunday opening hours");
        var c = await eve.SubmitIdeaAsync(org, "Board games to borrow");
        var d = await sofie.SubmitIdeaAsync(org, "Longer loans in summer");
        var e = await bo.SubmitIdeaAsync(org, "A café by the entrance");
        var elsewhere = await sofie.SubmitIdeaAsync(other, "More benches in the park");
        foreach (var (person, number) in new[] { (bo, a), (eve, a), (sofie, b), (bo, c), (sofie, c), (dan, c), (bo, d) })
            (await person.VoteAsync(org, number)).EnsureSuccessStatusCode();
        (await sofie.VoteAsync(other, elsewhere)).EnsureSuccessStatusCode();
        (await sofie.CommentAsync(org, a, "I would come every week.")).EnsureSuccessStatusCode();
        (await sofie.CommentAsync(org, a, "Especially in winter.")).EnsureSuccessStatusCode();
        (await lars.CommentAsync(org, a, "Thank you, we are looking at the staffing.")).EnsureSuccessStatusCode();
        (await eve.CommentAsync(org, d, "Six weeks would be lovely.")).EnsureSuccessStatusCode();
        (await lars.ChangeStatusAsync(org, c, "launched", "Forty games on the shelf by the door.")).EnsureSuccessStatusCode();
        (await lars.ChangeStatusAsync(org, d, "under_review", "We are asking the publishers.")).EnsureSuccessStatusCode();
        foreach (var (person, answer) in new[] { (eve, "yes"), (sofie, "yes"), (bo, "partly"), (dan, "no") })
            (await person.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{c}/helped", new { answer })).EnsureSuccessStatusCode();

        await app.InOrgAsync(org, async db =>
        {
            Task Idea(int number, DateTime at) => db.Ideas.Where(i => i.Number == number).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, at));
            Task Vote(Person who, int number, DateTime at) => db.Votes.Where(v => v.UserId == who.Id && db.Ideas.Any(i => i.Id == v.IdeaId && i.Number == number))
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAt, at));
            Task Comment(string body, DateTime at) => db.Comments.Where(m => m.Body == body).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, at));
            Task Answer(int number, DateTime at) => db.StatusChanges.Where(s => db.Ideas.Any(i => i.Id == s.IdeaId && i.Number == number))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.At, at));

            await Idea(a, Week(11).AddHours(10));
            await Idea(b, Week(11).AddDays(6).AddHours(20));
            await Idea(c, Week(9));
            await Idea(d, Week(0).AddHours(-1));
            await Idea(e, monday);
            await Vote(bo, a, Week(11).AddDays(1));
            await Vote(eve, a, Week(11).AddDays(2));
            await Vote(sofie, b, Week(11).AddDays(6).AddHours(21));
            await Vote(bo, c, Week(9).AddDays(1));
            await Vote(sofie, c, Week(9).AddDays(2));
            await Vote(dan, c, Week(9).AddDays(3));
            await Vote(bo, d, Week(0).AddMinutes(-30));
            await Comment("I would come every week.", Week(11).AddDays(2));
            await Comment("Especially in winter.", Week(11).AddDays(3));
            await Comment("Thank you, we are looking at the staffing.", Week(11).AddDays(3).AddHours(10));
            await Comment("Six weeks would be lovely.", Week(9).AddSeconds(-1));
            await Answer(c, Week(9).AddDays(4));
            await Answer(d, Week(0).AddDays(1).AddHours(23));
            return 0;
        });
        await app.InOrgAsync(other, async db =>
        {
            await db.Ideas.ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, Week(11).AddDays(1)));
            return await db.Votes.ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAt, Week(11).AddDays(1)));
        });

        // Merged after its vote was dated, so the vote carried over to #A keeps that date.
        (await lars.ChangeStatusAsync(org, b, "duplicate", "The same as #" + a + ".", duplicateOf: a)).EnsureSuccessStatusCode();
        await app.InOrgAsync(org, db => db.StatusChanges.Where(s => db.Ideas.Any(i => i.Id == s.IdeaId && i.Number == b))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.At, Week(11).AddDays(6).AddHours(22))));
        return new Seeded(org, lars, sofie, Week(11));
    }
}
