using System.Xml.Linq;

namespace Whuffie.Tests.Launches;

/// <summary>
/// After a launch the organization asks the people who took part whether it helped: once each,
/// only them, only after the launch; the changelog credits the person whose idea it was and
/// shows the answers, on its page and in its Atom feed.
/// </summary>
public sealed class AskingWhetherItHelped(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static Task<HttpResponseMessage> AnswerAsync(Person person, string org, int number, string? answer, string? comment = null) =>
        person.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/helped", new { answer, comment });

    [Fact]
    public async Task Only_people_who_took_part_are_asked_once_each_and_only_after_the_launch()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var eve = await app.SignUpAsync("Eve");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        (await bo.VoteAsync(org, number)).EnsureSuccessStatusCode();

        using (var early = await AnswerAsync(bo, org, number, "yes")) await Expect.ProblemAsync(early, HttpStatusCode.Conflict);
        (await lars.ChangeStatusAsync(org, number, "launched", "Open Sundays 10-16.")).EnsureSuccessStatusCode();

        using (var stranger = await AnswerAsync(eve, org, number, "no")) await Expect.ProblemAsync(stranger, HttpStatusCode.Forbidden);
        using (var wrong = await AnswerAsync(bo, org, number, "maybe")) await Expect.InvalidFieldAsync(wrong, "answer");
        using (var yes = await AnswerAsync(bo, org, number, "yes", "My children love it."))
        {
            Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
            var summary = await yes.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, summary.GetProperty("yes").GetInt32());
            Assert.Equal("yes", summary.GetProperty("mine").GetString());
            Assert.False(summary.GetProperty("canAnswer").GetBoolean());
        }
        using (var again = await AnswerAsync(bo, org, number, "no")) await Expect.ProblemAsync(again, HttpStatusCode.Conflict);
        (await AnswerAsync(sofie, org, number, "partly")).EnsureSuccessStatusCode();

        var anonymous = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/ideas/{number}/helped");
        Assert.Equal((1, 1, 0), (anonymous.GetProperty("yes").GetInt32(), anonymous.GetProperty("partly").GetInt32(), anonymous.GetProperty("no").GetInt32()));
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("mine").ValueKind);
    }

    [Fact]
    public async Task The_idea_page_asks_without_javascript_and_shows_the_answer_after()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Longer loans in summer");
        (await lars.ChangeStatusAsync(org, number, "launched", "Six weeks in July and August.")).EnsureSuccessStatusCode();
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);

        await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("Did it make things better for you?", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Idea by Sofie, credited for this launch.", browser.Html, StringComparison.Ordinal);
        var refused = await browser.PostFormAsync($"/{org}/ideas/{number}?handler=helped", ("HelpComment", "Forgot to choose"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose yes, partly or no.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Forgot to choose", browser.Html, StringComparison.Ordinal);

        var answered = await browser.PostFormAsync($"/{org}/ideas/{number}?handler=helped", ("Helped", "partly"), ("HelpComment", ""));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("You answered: Partly.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Yes: 0 · Partly: 1 · No: 0", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_changelog_and_its_feed_credit_the_person_whose_idea_it_was()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var older = await sofie.SubmitIdeaAsync(org, "Book returns at the station");
        var newer = await sofie.SubmitIdeaAsync(org, "Board games to borrow");
        var open = await sofie.SubmitIdeaAsync(org, "A café");
        (await lars.ChangeStatusAsync(org, older, "launched", "A return box at Søborg station.")).EnsureSuccessStatusCode();
        (await lars.ChangeStatusAsync(org, newer, "launched", "Forty games on the shelf by the door.")).EnsureSuccessStatusCode();
        (await AnswerAsync(sofie, org, newer, "yes")).EnsureSuccessStatusCode();

        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/changelog");
        Assert.Contains("Idea by Sofie", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("Forty games on the shelf by the door.", visitor.Html, StringComparison.Ordinal);
        Assert.True(visitor.Html.IndexOf("Board games to borrow", StringComparison.Ordinal) < visitor.Html.IndexOf("Book returns at the station", StringComparison.Ordinal),
            "The newest launch comes first.");
        Assert.DoesNotContain($"/ideas/{open}/", visitor.Html, StringComparison.Ordinal);

        using var response = await app.CreateClient().GetAsync($"/{org}/changelog.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(atom + "feed", feed.Name);
        Assert.NotNull(feed.Element(atom + "id"));
        Assert.True(DateTimeOffset.TryParse(feed.Element(atom + "updated")!.Value, out _));
        var entries = feed.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("Board games to borrow", entries[0].Element(atom + "title")!.Value);
        Assert.Equal("Sofie", entries[0].Element(atom + "author")!.Element(atom + "name")!.Value);
        Assert.Contains("Forty games on the shelf by the door.", entries[0].Element(atom + "content")!.Value, StringComparison.Ordinal);
        Assert.Equal(2, entries.Select(e => e.Element(atom + "id")!.Value).Distinct().Count());
    }
}
