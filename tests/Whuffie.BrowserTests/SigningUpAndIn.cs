using System.Text.RegularExpressions;

namespace Whuffie.BrowserTests;

[Collection(SiteCollection.Name)]
public sealed class SigningUpAndIn(WhuffieSite site) : BrowserTest(site)
{
    private ILocator SignOutButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });

    private static ILocator AccountNav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" });

    [Fact]
    public async Task A_new_person_signs_up_confirms_the_address_signs_in_and_can_sign_out_and_back_in()
    {
        var page = await NewPageAsync();
        var email = $"{WhuffieSite.Unique("newcomer")}@example.com";
        const string password = "library-card-2026";

        await page.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Your name as others see it").FillAsync("Nora Newcomer");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Not signed in yet: the page says where the link went (Whuffie.Tests reads it from a real SMTP server).
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Expect(SignOutButton(page)).ToHaveCountAsync(0);
        await page.GotoAsync(await Site.ConfirmationLinkAsync(email));
        await Expect(page.GetByText("your email address is confirmed")).ToBeVisibleAsync();
        await WhuffieSite.SignInAsync(page, new TestUser(0, "Nora Newcomer", email, password));

        await Expect(SignOutButton(page)).ToBeVisibleAsync();
        await Expect(AccountNav(page).GetByRole(AriaRole.Link, new() { Name = "My profile" })).ToBeVisibleAsync();
        await AccountNav(page).GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(page.GetByLabel("Your name as others see it")).ToHaveValueAsync("Nora Newcomer");
        await Expect(page.GetByText(email)).ToBeVisibleAsync();

        await SignOutButton(page).ClickAsync();
        await Expect(AccountNav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(SignOutButton(page)).ToHaveCountAsync(0);
        // Signed out for real: the profile now sends the stranger to the sign-in page.
        await page.GotoAsync("/me");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?"));

        await WhuffieSite.SignInAsync(page, new TestUser(0, "Nora Newcomer", email, password));
        await Expect(SignOutButton(page)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_from_a_page_returns_to_that_page()
    {
        var org = await Site.CreateOrgAsync("Harbour Town");
        var user = await Site.CreateUserAsync("Rita Returner");
        var page = await NewPageAsync();
        await page.GotoAsync($"/{org}/roadmap");

        await AccountNav(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/{org}/roadmap$"));
        await Expect(SignOutButton(page)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_email_kept()
    {
        var user = await Site.CreateUserAsync("Walter Wrong");
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");

        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(Strings.Get("en", "SignIn.Failed"));
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(user.Email);
        await Expect(SignOutButton(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_up_with_a_weak_password_shows_what_to_fix_beside_the_field()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signup");

        await page.GetByLabel("Email").FillAsync($"{WhuffieSite.Unique("weak")}@example.com");
        await page.GetByLabel("Your name as others see it").FillAsync("Willa Weak");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var password = page.GetByLabel("Password");
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(Strings.Get("en", "Identity.PasswordTooShort").Replace("{0}", "12", StringComparison.Ordinal))));
        await Expect(page.GetByLabel("Your name as others see it")).ToHaveValueAsync("Willa Weak");
        await Expect(SignOutButton(page)).ToHaveCountAsync(0);
    }
}
