namespace Whuffie.BrowserTests;

/// <summary>
/// axe-core over every page, as a visitor, a member, staff and an administrator, in English
/// and Danish, on a desktop and a 360 px phone, and with forms showing their error messages:
/// no WCAG 2.1 A or AA rule may be broken. Pages come from the showcase organization, so the
/// lists, timelines and comments have content to check. Each page the lists visit must also be
/// valid HTML to the Nu Html Checker, as served.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class Accessibility(WhuffieSite site) : BrowserTest(site)
{
    public static readonly TheoryData<string> Languages = ["en", "da"];

    private static string IdeaPage(Showcase s) => $"/{s.Org}/ideas/{s.AnsweredIdea}";

    internal static string[] VisitorPages(Showcase s) =>
    [
        "/", $"/{s.Org}", $"/{s.Org}?status=planned&sort=new", IdeaPage(s), $"/{s.Org}/ideas/{s.OpenIdea}",
        $"/{s.Org}/search?q=sundays", $"/{s.Org}/search?q=no-such-words",
        $"/{s.Org}/roadmap", $"/{s.Org}/changelog", $"/{s.Org}/ideas/{s.LaunchedIdea}", $"/{s.Org}/leaderboard", $"/{s.Org}/people/{s.Member.Id}",
        $"/{s.Org}/status", $"/{s.Org}/status/confirm?phone=%2B4512345678", $"/{s.Org}/status/manage?token={s.ManageToken}",
        "/signup", "/signin", "/signout", "/no-such-page",
        "/account/forgot", "/account/reset?email=someone%40example.com&code=abc", "/account/confirm?userId=1&code=abc",
        "/account/signin-link?token=abc",
    ];

    internal static string[] MemberPages(Showcase s) =>
        ["/", $"/{s.Org}", IdeaPage(s), $"/{s.Org}/ideas/{s.OpenIdea}", $"/{s.Org}/ideas/{s.LaunchedIdea}", $"/{s.Org}/ideas/new", $"/{s.Org}/roadmap", "/me", "/me/notifications"];

    internal static string[] StaffPages(Showcase s) =>
        [$"/{s.Org}", IdeaPage(s), $"/{s.Org}/ideas/{s.OpenIdea}", $"/{s.Org}/admin/categories", $"/{s.Org}/admin/answering", $"/{s.Org}/admin/mailbox",
         $"/{s.Org}/admin/insights", $"/{s.Org}/people/{s.Member.Id}", $"/{s.Org}/status", "/me"];

    internal static string[] AdminPages(Showcase s) =>
        [$"/{s.Org}", IdeaPage(s), $"/{s.Org}/admin/categories", $"/{s.Org}/admin/members", $"/{s.Org}/admin/branding", $"/{s.Org}/admin/notices", "/me"];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_a_visitor_sees_meets_WCAG_2_1_AA(string language)
    {
        var s = await Site.ShowcaseAsync();
        var page = await NewPageAsync(language);
        await AssertPagesAsync(page, language, VisitorPages(s));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_a_member_sees_meets_WCAG_2_1_AA(string language)
    {
        var s = await Site.ShowcaseAsync();
        var page = await NewPageAsync(language);
        await WhuffieSite.SignInAsync(page, s.Member);
        await AssertPagesAsync(page, language, MemberPages(s));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_staff_see_meets_WCAG_2_1_AA(string language)
    {
        var s = await Site.ShowcaseAsync();
        var page = await NewPageAsync(language);
        await WhuffieSite.SignInAsync(page, s.Staff);
        // The members page is for administrators: staff get the 403 page, which is checked too.
        await AssertPagesAsync(page, language, StaffPages(s));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_an_administrator_sees_meets_WCAG_2_1_AA(string language)
    {
        var s = await Site.ShowcaseAsync();
        var page = await NewPageAsync(language);
        await WhuffieSite.SignInAsync(page, s.Admin);
        await AssertPagesAsync(page, language, AdminPages(s));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_idea_list_and_idea_page_meet_WCAG_2_1_AA_on_a_360_px_phone(string language)
    {
        var s = await Site.ShowcaseAsync();
        var visitor = await NewPageAsync(language, width: 360);
        await AssertPagesAsync(visitor, language, VisitorPages(s));

        var member = await NewPageAsync(language, width: 360);
        await WhuffieSite.SignInAsync(member, s.Member);
        await AssertPagesAsync(member, language, [$"/{s.Org}", IdeaPage(s), $"/{s.Org}/ideas/new"]);

        var staff = await NewPageAsync(language, width: 360);
        await WhuffieSite.SignInAsync(staff, s.Staff);
        await AssertPagesAsync(staff, language, [IdeaPage(s), $"/{s.Org}/admin/categories", $"/{s.Org}/admin/insights"]);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Forms_showing_their_error_messages_meet_WCAG_2_1_AA(string language)
    {
        var s = await Site.ShowcaseAsync();
        string T(string key) => Strings.Get(language, key);
        var failures = new List<string>();
        var shown = new List<(string, string)>();
        // The page as it stands, errors shown: what the server answered, and what the page's script put in it.
        async Task CheckFormAsync(IPage page)
        {
            await CheckAsync(page, failures);
            shown.Add(($"{new Uri(page.Url).PathAndQuery} with its errors shown ({language})", await page.ContentAsync()));
        }

        // A stranger: sign up with nothing filled in, sign in with a wrong password.
        var visitor = await NewPageAsync(language);
        await visitor.GotoAsync("/signup");
        await visitor.GetByRole(AriaRole.Button, new() { Name = T("SignUp.Submit") }).ClickAsync();
        await ExpectErrorsShownAsync(visitor);
        await CheckFormAsync(visitor);

        await visitor.GotoAsync("/signin");
        await visitor.GetByLabel(T("Account.Email"), new() { Exact = true }).FillAsync(s.Member.Email);
        await visitor.GetByLabel(T("Account.Password"), new() { Exact = true }).FillAsync("wrong-password-1");
        await visitor.GetByRole(AriaRole.Button, new() { Name = T("SignIn.Submit"), Exact = true }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await CheckFormAsync(visitor);

        // A member: an empty idea, an empty comment (with and without scripts), an empty name.
        var member = await NewPageAsync(language);
        await WhuffieSite.SignInAsync(member, s.Member, $"/{s.Org}/ideas/new");
        await member.GetByRole(AriaRole.Button, new() { Name = T("Submit.Send") }).ClickAsync();
        await ExpectErrorsShownAsync(member);
        await CheckFormAsync(member);

        await member.GotoAsync(IdeaPage(s));
        await member.GetByRole(AriaRole.Button, new() { Name = T("IdeaPage.PostComment") }).ClickAsync();
        await ExpectErrorsShownAsync(member);
        await CheckFormAsync(member);

        await member.GotoAsync("/me");
        await member.GetByLabel(T("Account.DisplayName")).FillAsync("");
        await member.GetByRole(AriaRole.Button, new() { Name = T("Profile.Save"), Exact = true }).ClickAsync();
        await ExpectErrorsShownAsync(member);
        await CheckFormAsync(member);

        var memberWithoutScripts = await NewPageAsync(language, javaScript: false);
        await WhuffieSite.SignInAsync(memberWithoutScripts, s.Member, IdeaPage(s));
        await memberWithoutScripts.GetByRole(AriaRole.Button, new() { Name = T("IdeaPage.PostComment") }).ClickAsync();
        await ExpectErrorsShownAsync(memberWithoutScripts);
        await CheckWithoutScriptsAsync(memberWithoutScripts, failures);

        // Staff: a status change without its answer; a category without a name.
        var staff = await NewPageAsync(language);
        await WhuffieSite.SignInAsync(staff, s.Staff, $"/{s.Org}/ideas/{s.OpenIdea}");
        await staff.GetByLabel(T("IdeaPage.NewStatus")).SelectOptionAsync(new SelectOptionValue { Label = T("Status.Planned") });
        await staff.GetByRole(AriaRole.Button, new() { Name = T("IdeaPage.SaveStatus") }).ClickAsync();
        await ExpectErrorsShownAsync(staff);
        await CheckFormAsync(staff);

        await staff.GotoAsync($"/{s.Org}/admin/categories");
        await staff.GetByRole(AriaRole.Button, new() { Name = T("Categories.Add"), Exact = true }).ClickAsync();
        await ExpectErrorsShownAsync(staff);
        await CheckFormAsync(staff);

        // An administrator: a colour too light to read.
        var admin = await NewPageAsync(language);
        await WhuffieSite.SignInAsync(admin, s.Admin, $"/{s.Org}/admin/branding");
        await admin.GetByLabel(T("Branding.Accent")).FillAsync("#ffff00");
        await admin.GetByRole(AriaRole.Button, new() { Name = T("Branding.Save") }).ClickAsync();
        await ExpectErrorsShownAsync(admin);
        await CheckFormAsync(admin);

        // An administrator: a Mastodon server address that is not one; a webhook with neither address nor events.
        await admin.GotoAsync($"/{s.Org}/admin/notices");
        await admin.GetByLabel(T("NoticeChannels.MastodonUrl")).FillAsync("ftp://mastodon.example");
        await admin.GetByRole(AriaRole.Button, new() { Name = T("NoticeChannels.Save"), Exact = true }).First.ClickAsync();
        await ExpectErrorsShownAsync(admin);
        await CheckFormAsync(admin);

        await admin.GetByLabel(T("NoticeChannels.SomeEventsChoice")).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = T("NoticeChannels.AddWebhook"), Exact = true }).ClickAsync();
        await ExpectErrorsShownAsync(admin);
        await CheckFormAsync(admin);

        if (await NuHtmlChecker.ErrorsAsync(shown) is { } invalid) failures.Add(invalid);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// Opens each page in turn and collects what axe finds, then has the Nu Html Checker read the
    /// HTML each one was served as, so one run names every broken page.
    /// </summary>
    private static bool IsSpentLink(string path) =>
        path.StartsWith("/account/confirm", StringComparison.Ordinal) || path.StartsWith("/account/signin-link", StringComparison.Ordinal);

    private static async Task AssertPagesAsync(IPage page, string language, IEnumerable<string> paths)
    {
        var failures = new List<string>();
        var served = new List<(string, string)>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            // The missing page, a page for administrators seen by staff, and a spent confirmation or sign-in link answer with their own pages.
            Assert.True(response is not null && (response.Ok || path == "/no-such-page" || response.Status == 403 || (IsSpentLink(path) && response.Status == 400)),
                $"{path} answered {response?.Status}.");
            served.Add(($"{path} ({language})", await response!.TextAsync()));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await CheckAsync(page, failures);
        }
        if (await NuHtmlChecker.ErrorsAsync(served) is { } invalid) failures.Add(invalid);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task CheckAsync(IPage page, List<string> failures)
    {
        if (await AxeAssert.ViolationsAsync(page) is { } report) failures.Add(report);
    }

    /// <summary>
    /// axe waits on timers that never fire where scripts are off; so the page as it stands (the
    /// server's answer to a form without scripts) is served again, byte for byte from its DOM, to
    /// a page with scripts, and checked there.
    /// </summary>
    private async Task CheckWithoutScriptsAsync(IPage page, List<string> failures)
    {
        var html = await page.ContentAsync();
        var copy = await NewPageAsync(await page.Locator("html").GetAttributeAsync("lang"));
        await copy.RouteAsync(page.Url, route => route.FulfillAsync(new() { Body = html, ContentType = "text/html; charset=utf-8" }));
        await copy.GotoAsync(page.Url);
        if (await AxeAssert.ViolationsAsync(copy) is { } report) failures.Add(report + "\n    (the page as served without scripts)");
    }

    private static async Task ExpectErrorsShownAsync(IPage page) =>
        await Expect(page.Locator(".error:not(:empty), .alert").First).ToBeVisibleAsync();
}
