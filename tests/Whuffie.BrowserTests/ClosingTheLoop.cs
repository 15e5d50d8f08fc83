using System.Text.RegularExpressions;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests;

/// <summary>
/// The heart of the product, end to end in the browser, with the site's own job worker doing
/// the telling: a person's idea is launched by staff, the launch email credits them and asks
/// whether it helped (in the dev mailbox, nothing configured), the bell tells them too, and
/// their answer shows on the idea and in the changelog.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ClosingTheLoop(WhuffieSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_launched_idea_credits_its_author_who_then_says_whether_it_helped()
    {
        var org = await Site.CreateOrgAsync("Harbour Library");
        var paula = await Site.CreateUserAsync("Paula Patron");
        const string title = "Reading glasses to borrow at the desk";
        var number = await Site.SubmitIdeaAsync(paula, org, title, "Forgetting mine means I cannot read the papers.");
        var sven = await Site.CreateUserAsync("Sven Staff", (org, OrgRole.Staff));

        var staff = await NewPageAsync();
        await WhuffieSite.SignInAsync(staff, sven, $"/{org}/ideas/{number}");
        await staff.GetByLabel("New status").SelectOptionAsync(new SelectOptionValue { Label = "Launched" });
        await staff.GetByLabel("Public answer").FillAsync("Six pairs in three strengths now wait at the front desk.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Change status and publish answer" }).ClickAsync();
        await Expect(staff.Locator("article header .status")).ToHaveTextAsync("Launched");

        // The worker polls once a second: reload the mailbox until the email is there.
        await staff.GotoAsync($"/{org}/admin/mailbox");
        var email = staff.Locator("article.email").Filter(new() { HasText = title });
        for (var tries = 0; tries < 30 && await email.CountAsync() == 0; tries++)
        {
            await staff.WaitForTimeoutAsync(500);
            await staff.ReloadAsync();
        }
        await Expect(email.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Harbour Library launched “{title}”");
        await Expect(email).ToContainTextAsync("In this mailbox (not sent)");
        await Expect(email).ToContainTextAsync("You submitted this idea, and Harbour Library credits you for it in the launch note.");
        await Expect(email).ToContainTextAsync("Did it help?");

        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, paula, $"/{org}");
        var bell = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications 1 unread$") });
        await Expect(bell).ToBeVisibleAsync();
        await bell.ClickAsync();
        await Expect(page.Locator("ol.notifications")).ToContainTextAsync("Harbour Library credits you for this idea. Thank you!");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        var helped = page.GetByRole(AriaRole.Region, new() { Name = "Did it help?" });
        await Expect(helped.GetByRole(AriaRole.Group)).ToHaveAccessibleNameAsync("Harbour Library launched this idea. Did it make things better for you?");
        await helped.GetByLabel("Yes").CheckAsync();
        await helped.GetByLabel("What changed for you? (optional)").FillAsync("I read the papers every morning now.");
        await helped.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        await Expect(helped.GetByRole(AriaRole.Status)).ToHaveTextAsync("You answered: Yes. Thank you!");
        await Expect(helped).ToContainTextAsync("Yes: 1 · Partly: 0 · No: 0");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "From idea to reality" }))
            .ToContainTextAsync("Idea by Paula Patron, credited for this launch.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Launched", Exact = true }).ClickAsync();
        var entry = page.Locator("ol.changelog li").Filter(new() { HasText = title });
        await Expect(entry).ToContainTextAsync("Idea by Paula Patron");
        await Expect(entry).ToContainTextAsync("Yes: 1 · Partly: 0 · No: 0");
    }
}
