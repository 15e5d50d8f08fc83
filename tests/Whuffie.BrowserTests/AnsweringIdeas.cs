using System.Text.RegularExpressions;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class AnsweringIdeas(WhuffieSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Staff_move_an_idea_only_with_a_public_answer_which_then_shows_in_the_timeline_and_on_the_roadmap()
    {
        var org = await Site.CreateOrgAsync("Northfield Schools");
        var author = await Site.CreateUserAsync("Paula Parent");
        const string title = "Free breakfast before school";
        var number = await Site.SubmitIdeaAsync(author, org, title, "Some children come to school hungry.");
        var staff = await Site.CreateUserAsync("Sven Staff", (org, OrgRole.Staff));
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, staff, $"/{org}/ideas/{number}");
        var status = page.Locator("article header .status");
        await Expect(status).ToHaveTextAsync("Open");

        // No answer: refused, the message beside the answer field, the status as it was.
        await page.GetByLabel("New status").SelectOptionAsync(new SelectOptionValue { Label = "Planned" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status and publish answer" }).ClickAsync();

        var answer = page.GetByLabel("Public answer");
        var answerRequired = Strings.Get("en", "Status.AnswerRequired");
        await Expect(page.Locator("#answer-error")).ToHaveTextAsync(answerRequired);
        await Expect(answer).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(answer).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(answerRequired)));
        await Expect(page.GetByLabel("New status")).ToHaveValueAsync("planned");
        await Expect(status).ToHaveTextAsync("Open");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "From idea to reality" });
        await Expect(timeline.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);

        // With an answer: accepted, and the answer is public.
        await answer.FillAsync("We start a **breakfast club** after the autumn break.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status and publish answer" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/{number}#timeline$"));
        await Expect(status).ToHaveTextAsync("Planned");
        await Expect(timeline.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(timeline.GetByRole(AriaRole.Listitem).Last).ToContainTextAsync("Sven Staff moved it from “Open” to “Planned”:");
        await Expect(timeline.Locator(".answer strong")).ToHaveTextAsync("breakfast club");

        await page.GetByRole(AriaRole.Link, new() { Name = "Roadmap" }).ClickAsync();
        var planned = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Planned") });
        await Expect(planned.GetByRole(AriaRole.Link, new() { Name = $"#{number} {title}" })).ToBeVisibleAsync();
        var open = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Under review") });
        await Expect(open.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_answer_is_public_to_people_who_are_not_signed_in()
    {
        var org = await Site.CreateOrgAsync("Northfield Schools");
        var author = await Site.CreateUserAsync("Paula Parent");
        var number = await Site.SubmitIdeaAsync(author, org, "Longer lunch breaks");
        var staff = await Site.CreateUserAsync("Sven Staff", (org, OrgRole.Staff));
        var stranger = await NewPageAsync();
        // Seen once before the answer, so a cached copy of the page would show the old state.
        await stranger.GotoAsync($"/{org}/ideas/{number}");
        await Expect(stranger.Locator("article header .status")).ToHaveTextAsync("Open");

        await Site.ChangeStatusAsync(staff, org, number, "declined", "The bus timetable leaves no room for a longer break.");

        await stranger.ReloadAsync();
        await Expect(stranger.Locator("article header .status")).ToHaveTextAsync("Declined");
        await Expect(stranger.GetByRole(AriaRole.Region, new() { Name = "From idea to reality" }))
            .ToContainTextAsync("The bus timetable leaves no room for a longer break.");
        await Expect(stranger.GetByRole(AriaRole.Button, new() { Name = "Change status and publish answer" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Members_see_no_status_form()
    {
        var org = await Site.CreateOrgAsync("Northfield Schools");
        var member = await Site.CreateUserAsync("Mona Member", (org, OrgRole.Member));
        var number = await Site.SubmitIdeaAsync(member, org, "A school garden");
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, member, $"/{org}/ideas/{number}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A school garden");
        await Expect(page.GetByLabel("New status")).ToHaveCountAsync(0);
    }
}
