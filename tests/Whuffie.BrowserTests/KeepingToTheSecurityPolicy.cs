namespace Whuffie.BrowserTests;

/// <summary>
/// The Content-Security-Policy admits no inline script or style (SecurityHeaders): every page,
/// as every role sees it, must work without the browser refusing anything, and the
/// Permissions-Policy must hold only features the browser knows.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class KeepingToTheSecurityPolicy(WhuffieSite site) : BrowserTest(site)
{
    /// <summary>A page whose console reports what the policies refused, also as the page itself hears of it.</summary>
    private async Task<(IPage Page, List<string> Refusals)> WatchedPageAsync()
    {
        var page = await NewPageAsync();
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Permissions-Policy", StringComparison.Ordinal))
                lock (refusals) refusals.Add($"{page.Url}: {message.Text}");
        };
        await page.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
              console.error(`Content Security Policy refused ${e.blockedURI || "inline"} (${e.violatedDirective})`));
            """);
        return (page, refusals);
    }

    private static async Task VisitAsync(IPage page, IEnumerable<string> pages)
    {
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }

    [Fact]
    public async Task No_page_breaks_the_policy_for_any_role()
    {
        var s = await Site.ShowcaseAsync();
        var (visitor, refusals) = await WatchedPageAsync();
        await VisitAsync(visitor, Accessibility.VisitorPages(s));
        // The similar-ideas list fills itself in from the server's HTML while a title is typed.
        var (member, memberRefusals) = await WatchedPageAsync();
        await WhuffieSite.SignInAsync(member, s.Member);
        await VisitAsync(member, Accessibility.MemberPages(s));
        await member.GotoAsync($"/{s.Org}/ideas/new");
        await member.GetByLabel(Strings.Get("en", "Submit.IdeaTitle"), new() { Exact = true }).FillAsync("Open on Sundays");
        await member.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var (staff, staffRefusals) = await WatchedPageAsync();
        await WhuffieSite.SignInAsync(staff, s.Staff);
        await VisitAsync(staff, Accessibility.StaffPages(s));
        var (admin, adminRefusals) = await WatchedPageAsync();
        await WhuffieSite.SignInAsync(admin, s.Admin);
        await VisitAsync(admin, Accessibility.AdminPages(s));

        var all = refusals.Concat(memberRefusals).Concat(staffRefusals).Concat(adminRefusals).ToList();
        Assert.True(all.Count == 0, "The browser refused:\n" + string.Join("\n", all));
    }

    [Fact]
    public async Task The_organization_colours_reach_the_page_through_their_own_stylesheet()
    {
        var s = await Site.ShowcaseAsync();
        var (page, refusals) = await WatchedPageAsync();
        await page.GotoAsync($"/{s.Org}");
        var brand = await page.EvaluateAsync<string>("""
            [...document.styleSheets].filter(sheet => (sheet.href || "").includes("/brand.css"))
              .flatMap(sheet => [...sheet.cssRules].map(rule => rule.cssText)).join(" ")
            """);
        Assert.Contains("--accent: #", brand, StringComparison.Ordinal);
        Assert.Empty(refusals);
    }
}
