namespace Whuffie.Tests;

/// <summary>Staff move ideas along their way, always with a public answer.</summary>
public sealed class AnsweringIdeas(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_status_change_is_kept_in_the_public_timeline()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org, "Lars");
        var number = await sofie.SubmitIdeaAsync(org, "Self-service on Sundays");

        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, number, "planned", "We will try it from **March**."));
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, number, "launched", "Open 10–16 every Sunday."));

        var idea = await Expect.JsonAsync(await app.CreateClient().GetAsync($"/api/v1/orgs/{org}/ideas/{number}"));
        Assert.Equal("launched", idea.GetProperty("status").GetString());
        var timeline = idea.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(2, timeline.Count);
        Assert.Equal("open", timeline[0].GetProperty("from").GetString());
        Assert.Equal("planned", timeline[0].GetProperty("to").GetString());
        Assert.Equal("We will try it from **March**.", timeline[0].GetProperty("answer").GetString());
        Assert.Contains("<strong>March</strong>", timeline[0].GetProperty("answerHtml").GetString());
        Assert.Equal("Lars", timeline[0].GetProperty("actor").GetProperty("displayName").GetString());
        Assert.Equal("launched", timeline[1].GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("declined", null)]
    [InlineData("declined", "   ")]
    [InlineData("planned", "")]
    public async Task A_status_change_without_an_answer_is_refused_and_changes_nothing(string status, string? answer)
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var number = await lars.SubmitIdeaAsync(org, "Free coffee");

        var problem = await Expect.InvalidFieldAsync(await lars.ChangeStatusAsync(org, number, status, answer), "answer");

        Assert.Contains(status == "declined" ? "answer: Tell the people behind the idea why" : "answer: Write the public answer", problem.GetProperty("detail").GetString());
        var idea = await lars.GetIdeaAsync(org, number);
        Assert.Equal("open", idea.GetProperty("status").GetString());
        Assert.Empty(idea.GetProperty("timeline").EnumerateArray());
    }

    [Fact]
    public async Task Only_staff_change_a_status()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Study rooms bookable online");

        await Expect.ProblemAsync(await sofie.ChangeStatusAsync(org, number, "launched", "I did it myself"), HttpStatusCode.Forbidden);
        var anonymous = await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/status", new { status = "planned", answer = "x" });
        await Expect.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);

        Assert.Equal("open", (await sofie.GetIdeaAsync(org, number)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_statuses_and_repeated_statuses_are_refused()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var number = await lars.SubmitIdeaAsync(org, "Longer loans for students");

        await Expect.InvalidFieldAsync(await lars.ChangeStatusAsync(org, number, "done", "Finished"), "status");
        await Expect.InvalidFieldAsync(await lars.ChangeStatusAsync(org, number, null, "Finished"), "status");
        await Expect.ProblemAsync(await lars.ChangeStatusAsync(org, number, "open", "Still open"), HttpStatusCode.Conflict);
        await Expect.ProblemAsync(await lars.ChangeStatusAsync(org, 4242, "planned", "Yes"), HttpStatusCode.NotFound);
        await Expect.InvalidFieldAsync(await lars.ChangeStatusAsync(org, number, "planned", new string('x', 5001)), "answer");
        Assert.Empty((await lars.GetIdeaAsync(org, number)).GetProperty("timeline").EnumerateArray());
    }

    [Fact]
    public async Task Marking_a_duplicate_carries_its_distinct_voters_to_the_original()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var (anna, bo, cecilie) = (await app.SignUpAsync("Anna"), await app.SignUpAsync("Bo"), await app.SignUpAsync("Cecilie"));
        var original = await anna.SubmitIdeaAsync(org, "Open on Sundays");
        var duplicate = await bo.SubmitIdeaAsync(org, "Sunday opening please");
        await anna.VoteAsync(org, original);
        await bo.VoteAsync(org, original);
        await bo.VoteAsync(org, duplicate);
        await cecilie.VoteAsync(org, duplicate);

        var merged = await Expect.JsonAsync(await lars.ChangeStatusAsync(org, duplicate, "duplicate", "Same as the Sunday idea", duplicateOf: original));

        Assert.Equal(original, merged.GetProperty("duplicateOf").GetInt32());
        Assert.Equal(original, merged.GetProperty("timeline")[0].GetProperty("duplicateOf").GetInt32());
        Assert.Equal(3, (await lars.GetIdeaAsync(org, original)).GetProperty("voteCount").GetInt32()); // Anna, Bo once, Cecilie
        Assert.True((await cecilie.GetIdeaAsync(org, original)).GetProperty("votedByMe").GetBoolean());
        await Expect.ProblemAsync(await cecilie.VoteAsync(org, duplicate), HttpStatusCode.Conflict);

        // Reopening the duplicate takes back exactly the carried votes.
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, duplicate, "open", "Not the same after all"));
        Assert.Equal(2, (await lars.GetIdeaAsync(org, original)).GetProperty("voteCount").GetInt32());
        Assert.False((await cecilie.GetIdeaAsync(org, original)).GetProperty("votedByMe").GetBoolean());
    }

    [Fact]
    public async Task A_duplicate_must_name_a_real_other_original()
    {
        var org = await app.CreateOrgAsync();
        var lars = await app.StaffOfAsync(org);
        var a = await lars.SubmitIdeaAsync(org, "More e-books");
        var b = await lars.SubmitIdeaAsync(org, "More ebooks");
        var c = await lars.SubmitIdeaAsync(org, "E-books in Danish");

        await Expect.InvalidFieldAsync(await lars.ChangeStatusAsync(org, b, "duplicate", "Same"), "duplicateOf");
        await Expect.InvalidFieldAsync(await lars.ChangeStatusAsync(org, b, "planned", "Yes", duplicateOf: a), "duplicateOf");
        await Expect.ProblemAsync(await lars.ChangeStatusAsync(org, b, "duplicate", "Same", duplicateOf: b), HttpStatusCode.UnprocessableEntity);
        await Expect.ProblemAsync(await lars.ChangeStatusAsync(org, b, "duplicate", "Same", duplicateOf: 999), HttpStatusCode.UnprocessableEntity);

        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, b, "duplicate", "Same", duplicateOf: a));
        var chained = await Expect.ProblemAsync(await lars.ChangeStatusAsync(org, c, "duplicate", "Same", duplicateOf: b), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"#{a}", chained.GetProperty("detail").GetString());
        Assert.Equal("open", (await lars.GetIdeaAsync(org, c)).GetProperty("status").GetString());
    }
}
