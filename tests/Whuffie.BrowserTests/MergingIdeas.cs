using System.Text.RegularExpressions;
using Whuffie.Organizations;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class MergingIdeas(WhuffieSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Staff_merge_a_duplicate_from_the_originals_page_and_its_comments_show_there()
    {
        var org = await Site.CreateOrgAsync("Northfield Schools");
        var paula = await Site.CreateUserAsync("Paula Parent");
        var original = await Site.SubmitIdeaAsync(paula, org, "Free breakfast before school");
        var duplicate = await Site.SubmitIdeaAsync(paula, org, "Breakfast club");
        await Site.CommentAsync(paula, org, duplicate, "Porridge would be enough.");
        var staff = await Site.CreateUserAsync("Sven Staff", (org, OrgRole.Staff));
        var page = await NewPageAsync();
        await WhuffieSite.SignInAsync(page, staff, $"/{org}/ideas/{original}");

        var merge = page.GetByRole(AriaRole.Region, new() { Name = "Merge another idea into this one" });
        await merge.GetByLabel("Number of the idea to merge into this one").FillAsync(duplicate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await merge.GetByLabel("Why they are the same, for everyone to read").FillAsync("The same wish: we go on here.");
        await merge.GetByRole(AriaRole.Button, new() { Name = "Merge into this idea" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/ideas/{original}#merged-{duplicate}$"));
        var merged = page.GetByRole(AriaRole.Region, new() { Name = $"From #{duplicate} (merged)" });
        await Expect(merged).ToContainTextAsync("Porridge would be enough.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "From idea to reality" }))
            .ToContainTextAsync($"Sven Staff merged #{duplicate} into this idea:");
        await AxeAssert.NoViolationsAsync(page);
    }
}
