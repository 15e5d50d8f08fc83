using Microsoft.EntityFrameworkCore;

namespace Whuffie.Tests;

/// <summary>
/// Staff merge a duplicate (B) into the original (A) from either page: B's distinct voters and
/// followers move to A, B's comments stay readable on A, B leads to A, both timelines tell of it,
/// and staff can split B off again, which takes back exactly what the merge carried.
/// </summary>
public sealed class MergingIdeas(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private sealed record Forum(string Org, Person Lars, Person Anna, Person Bo, Person Cecilie, Person Dora, int A, int B);

    /// <summary>
    /// Anna's A has Bo's vote; Bo's B has Bo's and Cecilie's votes and Dora's comment, and was
    /// under review. Following: A by Anna and Bo; B by Bo, Cecilie and Dora.
    /// </summary>
    private async Task<Forum> ForumAsync()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var (anna, bo, cecilie, dora) = (await app.SignUpAsync("Anna"), await app.SignUpAsync("Bo"), await app.SignUpAsync("Cecilie"), await app.SignUpAsync("Dora"));
        var a = await anna.SubmitIdeaAsync(org, "Open on Sundays");
        var b = await bo.SubmitIdeaAsync(org, "Sunday opening please");
        await bo.VoteAsync(org, a);
        await bo.VoteAsync(org, b);
        await cecilie.VoteAsync(org, b);
        await Expect.JsonAsync(await dora.CommentAsync(org, b, "Even two hours on Sunday would do."), HttpStatusCode.Created);
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, b, "under_review", "We are looking at staffing."));
        return new Forum(org, lars, anna, bo, cecilie, dora, a, b);
    }

    private static Task<HttpResponseMessage> MergeAsync(Person staff, string org, int into, object body) =>
        staff.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{into}/merge", body);

    private static Task<HttpResponseMessage> UnmergeAsync(Person staff, string org, int number, object body) =>
        staff.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/unmerge", body);

    private Task<List<int>> FollowersAsync(string org, int number) => app.InOrgAsync(org, db =>
        db.Follows.Where(f => db.Ideas.Any(i => i.Id == f.IdeaId && i.Number == number)).Select(f => f.UserId).OrderBy(u => u).ToListAsync());

    private static List<int> Ids(params Person[] people) => people.Select(p => p.Id).Order().ToList();

    [Fact]
    public async Task Merging_moves_distinct_voters_and_followers_and_undoing_takes_back_exactly_those()
    {
        var (org, lars, anna, bo, cecilie, dora, a, b) = await ForumAsync();

        var merged = await Expect.JsonAsync(await MergeAsync(lars, org, a, new { from = b, answer = "The same wish as #" + a + "." }));

        Assert.Equal(a, merged.GetProperty("number").GetInt32());
        Assert.Equal(2, merged.GetProperty("voteCount").GetInt32()); // Bo once, Cecilie
        Assert.Equal(Ids(anna, bo, cecilie, dora), await FollowersAsync(org, a));
        Assert.Equal(Ids(bo, cecilie, dora), await FollowersAsync(org, b)); // they keep following B too
        var duplicate = await lars.GetIdeaAsync(org, b);
        Assert.Equal("duplicate", duplicate.GetProperty("status").GetString());
        Assert.Equal(a, duplicate.GetProperty("duplicateOf").GetInt32());
        Assert.Equal(2, duplicate.GetProperty("voteCount").GetInt32());

        var split = await Expect.JsonAsync(await UnmergeAsync(lars, org, b, new { answer = "Different after all: #" + b + " is about the branch." }));

        Assert.Equal("under_review", split.GetProperty("status").GetString()); // where it was before the merge
        Assert.Equal(JsonValueKind.Null, split.GetProperty("duplicateOf").ValueKind);
        Assert.Equal(1, (await lars.GetIdeaAsync(org, a)).GetProperty("voteCount").GetInt32());
        Assert.False((await cecilie.GetIdeaAsync(org, a)).GetProperty("votedByMe").GetBoolean());
        Assert.True((await bo.GetIdeaAsync(org, a)).GetProperty("votedByMe").GetBoolean());
        Assert.Equal(Ids(anna, bo), await FollowersAsync(org, a));
        Assert.Equal(Ids(bo, cecilie, dora), await FollowersAsync(org, b));
    }

    [Fact]
    public async Task Both_timelines_record_the_merge_and_its_undoing()
    {
        var (org, lars, _, _, _, _, a, b) = await ForumAsync();
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, b, "duplicate", "Same as the Sunday idea.", duplicateOf: a));
        await Expect.JsonAsync(await UnmergeAsync(lars, org, b, new { answer = "Not the same after all." }));

        var original = (await lars.GetIdeaAsync(org, a)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(2, original.Count);
        Assert.Equal(b, original[0].GetProperty("merged").GetInt32());
        Assert.Equal("open", original[0].GetProperty("from").GetString());
        Assert.Equal("open", original[0].GetProperty("to").GetString());
        Assert.Equal("Same as the Sunday idea.", original[0].GetProperty("answer").GetString());
        Assert.Equal("Lars", original[0].GetProperty("actor").GetProperty("displayName").GetString());
        Assert.Equal(b, original[1].GetProperty("splitOff").GetInt32());
        Assert.Equal("Not the same after all.", original[1].GetProperty("answer").GetString());

        var duplicate = (await lars.GetIdeaAsync(org, b)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(3, duplicate.Count); // under review, duplicate, split off
        Assert.Equal(a, duplicate[1].GetProperty("duplicateOf").GetInt32());
        Assert.Equal("duplicate", duplicate[2].GetProperty("from").GetString());
        Assert.Equal("under_review", duplicate[2].GetProperty("to").GetString());
        Assert.Equal(a, duplicate[2].GetProperty("splitOff").GetInt32());

        var browser = app.Browse();
        await browser.GetAsync($"/{org}/ideas/{a}");
        Assert.Contains($"Lars merged <a href=\"/{org}/ideas/{b}?stay=1\">#{b}</a> into this idea:", browser.Html, StringComparison.Ordinal);
        Assert.Contains($"Lars split <a href=\"/{org}/ideas/{b}?stay=1\">#{b}</a> off again:", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync($"/{org}/ideas/{b}");
        Assert.Contains($"Lars split this idea off from <a href=\"/{org}/ideas/{a}?stay=1\">#{a}</a> again, back to “Under review”:", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merged_idea_leads_to_the_original_except_for_staff_and_with_stay()
    {
        var (org, lars, _, _, _, _, a, b) = await ForumAsync();
        await Expect.JsonAsync(await MergeAsync(lars, org, a, new { from = b, answer = "Same." }));

        var anonymous = app.Browse();
        var redirected = await anonymous.GetAsync($"/{org}/ideas/{b}/sunday-opening-please");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal($"/{org}/ideas/{a}/open-on-sundays#merged-{b}", redirected.Headers.Location?.OriginalString);

        var stayed = await anonymous.GetAsync($"/{org}/ideas/{b}?stay=1");
        Assert.Equal(HttpStatusCode.OK, stayed.StatusCode);
        Assert.Contains("This idea was merged into", anonymous.Html, StringComparison.Ordinal);
        Assert.Contains("Comments are closed here", anonymous.Html, StringComparison.Ordinal);

        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/{org}/ideas/{b}")).StatusCode);
        Assert.Contains("?handler=unmerge", staff.Html, StringComparison.Ordinal);

        // The API answers with the merged idea itself, never a redirect.
        var api = await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/{b}");
        Assert.Equal(a, (await Expect.JsonAsync(api)).GetProperty("duplicateOf").GetInt32());
    }

    [Fact]
    public async Task The_merged_ideas_comments_stay_readable_on_the_original_and_stay_its_own()
    {
        var (org, lars, _, bo, _, dora, a, b) = await ForumAsync();
        await Expect.JsonAsync(await MergeAsync(lars, org, a, new { from = b, answer = "Same." }));

        var browser = app.Browse();
        await browser.GetAsync($"/{org}/ideas/{a}");
        Assert.Contains($"<section id=\"merged-{b}\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains($"From #{b} (merged)", browser.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{org}/ideas/{b}?stay=1\">See the original idea #{b}</a>", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Even two hours on Sunday would do.", browser.Html, StringComparison.Ordinal);

        // Counted where they were written: the original's count does not take them in.
        Assert.Equal(0, (await lars.GetIdeaAsync(org, a)).GetProperty("commentCount").GetInt32());
        Assert.Equal(1, (await lars.GetIdeaAsync(org, b)).GetProperty("commentCount").GetInt32());
        var listed = await Expect.JsonAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/{b}/comments"));
        Assert.Single(listed.GetProperty("items").EnumerateArray());

        var refused = await Expect.ProblemAsync(await dora.CommentAsync(org, b, "One more thing"), HttpStatusCode.Conflict);
        Assert.Contains($"#{a}", refused.GetProperty("detail").GetString());
        await Expect.ProblemAsync(await bo.VoteAsync(org, b), HttpStatusCode.Conflict);
        Assert.Equal(1, (await lars.GetIdeaAsync(org, b)).GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task Only_staff_merge_and_undo()
    {
        var (org, lars, anna, bo, _, _, a, b) = await ForumAsync();

        await Expect.ProblemAsync(await MergeAsync(anna, org, a, new { from = b, answer = "Mine is older" }), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{a}/merge", new { from = b, answer = "x" }), HttpStatusCode.Unauthorized);
        await Expect.JsonAsync(await MergeAsync(lars, org, a, new { from = b, answer = "Same." }));
        await Expect.ProblemAsync(await UnmergeAsync(bo, org, b, new { answer = "Mine is different" }), HttpStatusCode.Forbidden);

        Assert.Equal("duplicate", (await bo.GetIdeaAsync(org, b)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_merges_are_refused_with_problem_details_and_change_nothing()
    {
        var (org, lars, _, bo, _, _, a, b) = await ForumAsync();
        var c = await bo.SubmitIdeaAsync(org, "Sundays for families");
        var d = await bo.SubmitIdeaAsync(org, "Open Sunday mornings");
        await Expect.JsonAsync(await MergeAsync(lars, org, c, new { from = d, answer = "Same." }));

        await Expect.InvalidFieldAsync(await MergeAsync(lars, org, a, new { answer = "Same." }), "from");
        await Expect.InvalidFieldAsync(await MergeAsync(lars, org, a, new { from = b, answer = "  " }), "answer");
        await Expect.InvalidFieldAsync(await MergeAsync(lars, org, a, new { from = b, answer = new string('x', 5001) }), "answer");
        await Expect.ProblemAsync(await lars.SendJsonAsync(HttpMethod.Post, $"/api/v1/orgs/{org}/ideas/{a}/merge", "{\"from\": \"two\"}"), HttpStatusCode.BadRequest);
        await Expect.ProblemAsync(await MergeAsync(lars, org, 999, new { from = b, answer = "Same." }), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await MergeAsync(lars, org, a, new { from = 999, answer = "Same." }), HttpStatusCode.UnprocessableEntity);
        await Expect.ProblemAsync(await MergeAsync(lars, org, a, new { from = a, answer = "Same." }), HttpStatusCode.UnprocessableEntity);
        await Expect.ProblemAsync(await MergeAsync(lars, org, d, new { from = b, answer = "Same." }), HttpStatusCode.UnprocessableEntity); // into a duplicate
        var already = await Expect.ProblemAsync(await MergeAsync(lars, org, a, new { from = d, answer = "Same." }), HttpStatusCode.Conflict);
        Assert.Contains($"#{c}", already.GetProperty("detail").GetString());
        var chain = await Expect.ProblemAsync(await MergeAsync(lars, org, a, new { from = c, answer = "Same." }), HttpStatusCode.Conflict); // C has D merged into it
        Assert.Contains($"#{d}", chain.GetProperty("detail").GetString());
        await Expect.ProblemAsync(await UnmergeAsync(lars, org, b, new { answer = "Undo" }), HttpStatusCode.Conflict); // not merged
        await Expect.InvalidFieldAsync(await UnmergeAsync(lars, org, d, new { answer = "" }), "answer");
        await Expect.ProblemAsync(await UnmergeAsync(lars, org, 999, new { answer = "Undo" }), HttpStatusCode.NotFound);

        var original = await lars.GetIdeaAsync(org, a);
        Assert.Empty(original.GetProperty("timeline").EnumerateArray());
        Assert.Equal(1, original.GetProperty("voteCount").GetInt32());
        Assert.Equal("under_review", (await lars.GetIdeaAsync(org, b)).GetProperty("status").GetString());
        Assert.Equal(c, (await lars.GetIdeaAsync(org, d)).GetProperty("duplicateOf").GetInt32());
        Assert.Equal(2, (await FollowersAsync(org, a)).Count);
    }

    [Fact]
    public async Task Another_organizations_idea_cannot_be_merged()
    {
        var (soeborg, lars, _, _, _, _, _, b) = await ForumAsync();
        var malmo = await app.CreateOrgAsync("malmo", "Malmö stad");
        await app.GrantAsync(lars, malmo, Organizations.OrgRole.Staff);
        var malmoIdea = await lars.SubmitIdeaAsync(malmo, "Öppet på söndagar");

        // Malmö has only #1, so Søborg's #2 must not be found from Malmö.
        await Expect.ProblemAsync(await MergeAsync(lars, malmo, malmoIdea, new { from = b, answer = "Samma" }), HttpStatusCode.UnprocessableEntity);
        await Expect.ProblemAsync(await UnmergeAsync(lars, malmo, b, new { answer = "Ångra" }), HttpStatusCode.NotFound);
        Assert.Equal("under_review", (await lars.GetIdeaAsync(soeborg, b)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Staff_merge_from_the_originals_page_and_undo_from_the_duplicates_page()
    {
        var (org, lars, _, _, _, _, a, b) = await ForumAsync();
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/ideas/{a}");
        Assert.Contains("Merge another idea into this one", browser.Html, StringComparison.Ordinal);

        var refused = await browser.PostFormAsync($"/{org}/ideas/{a}?handler=merge", ("MergeFrom", b.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MergeAnswer", ""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"merge-answer-error\">Write the public answer", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"answer-error\"", browser.Html, StringComparison.Ordinal); // not beside the status form's answer
        Assert.Equal("under_review", (await lars.GetIdeaAsync(org, b)).GetProperty("status").GetString());

        var merged = await browser.PostFormAsync($"/{org}/ideas/{a}?handler=merge", ("MergeFrom", b.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MergeAnswer", "Same wish."));
        Assert.Equal($"/{org}/ideas/{a}#merged-{b}", merged.Headers.Location?.OriginalString);
        Assert.Equal(a, (await lars.GetIdeaAsync(org, b)).GetProperty("duplicateOf").GetInt32());

        await browser.GetAsync($"/{org}/ideas/{b}");
        var split = await browser.PostFormAsync($"/{org}/ideas/{b}?handler=unmerge", ("Answer", "Different after all."));
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        Assert.Equal("under_review", (await lars.GetIdeaAsync(org, b)).GetProperty("status").GetString());
        Assert.Equal(1, (await lars.GetIdeaAsync(org, a)).GetProperty("voteCount").GetInt32());
    }

    [Fact]
    public async Task Reopening_a_duplicate_through_its_status_is_the_same_undo()
    {
        var (org, lars, anna, bo, _, _, a, b) = await ForumAsync();
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, b, "duplicate", "Same.", duplicateOf: a));

        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, b, "planned", "On its own: planned for spring."));

        Assert.Equal(Ids(anna, bo), await FollowersAsync(org, a));
        Assert.Equal(b, (await lars.GetIdeaAsync(org, a)).GetProperty("timeline")[1].GetProperty("splitOff").GetInt32());
    }

    [Fact]
    public async Task A_carried_follower_who_takes_part_in_the_original_keeps_following_it_after_an_undo()
    {
        var (org, lars, anna, bo, _, dora, a, b) = await ForumAsync();
        await Expect.JsonAsync(await MergeAsync(lars, org, a, new { from = b, answer = "Same." }));
        await Expect.JsonAsync(await dora.VoteAsync(org, a));

        await Expect.JsonAsync(await UnmergeAsync(lars, org, b, new { answer = "Not the same." }));

        Assert.Equal(Ids(anna, bo, dora), await FollowersAsync(org, a));
        Assert.Equal(2, (await lars.GetIdeaAsync(org, a)).GetProperty("voteCount").GetInt32()); // Bo and Dora's own
    }
}
