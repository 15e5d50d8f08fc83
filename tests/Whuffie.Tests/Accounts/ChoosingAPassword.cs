using Whuffie.Accounts;
using Whuffie.Web;

namespace Whuffie.Tests.Accounts;

/// <summary>
/// Passwords as NIST SP 800-63B asks: at least 12 characters and nothing else required, but not
/// one of the 100,000 most common passwords nor the person's own name or address.
/// </summary>
public sealed class ChoosingAPassword(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private Task<HttpResponseMessage> RegisterAsync(string password, string prefix = "pia") =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = $"{WhuffieFactory.Unique(prefix)}@example.com", password });

    private static async Task<string> RefusalAsync(HttpResponseMessage response, string code)
    {
        var problem = await Expect.InvalidFieldAsync(response, code);
        return problem.GetProperty("errors").GetProperty(code)[0].GetString()!;
    }

    [Fact]
    public async Task Eleven_characters_are_refused_and_twelve_accepted()
    {
        var refusal = await RefusalAsync(await RegisterAsync("tulip-garden"[..11]), "PasswordTooShort");
        Assert.Equal("Use at least 12 characters.", refusal);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync("tulip-garden")).StatusCode);
    }

    [Fact]
    public async Task No_digit_capital_or_symbol_is_required()
    {
        // Twelve lowercase letters, nothing else.
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync("quietlakebay")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync("amber lanterns glow")).StatusCode);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("  QWERTY123456 ")]
    public async Task A_common_password_is_refused_in_any_case_with_its_own_message(string password)
    {
        Assert.True(CommonPasswords.IsCommon(password), "The test's password should be in the list.");
        var refusal = await RefusalAsync(await RegisterAsync(password), "PasswordCommon");
        Assert.Equal(Text.T("Identity.PasswordCommon"), refusal);
    }

    [Fact]
    public void The_list_holds_the_hundred_thousand_most_common_passwords()
    {
        Assert.True(CommonPasswords.IsCommon("123456"));
        Assert.True(CommonPasswords.IsCommon("password"));
        // The last line of the list.
        Assert.True(CommonPasswords.IsCommon("070162"));
        Assert.False(CommonPasswords.IsCommon("amber lanterns glow"));
    }

    [Fact]
    public async Task The_email_address_inside_the_password_is_refused()
    {
        var email = $"{WhuffieFactory.Unique("marianne")}@example.com";
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = "MARIANNE-reads-a-lot" });
        Assert.Equal(Text.T("Identity.PasswordContainsName"), await RefusalAsync(response, "PasswordContainsName"));
    }

    [Fact]
    public async Task The_sign_up_page_refuses_a_common_password_and_the_display_name_beside_the_field()
    {
        var browser = app.Browse();
        await browser.GetAsync("/signup");
        var common = await browser.PostFormAsync("/signup", ("Email", $"{WhuffieFactory.Unique("kim")}@example.com"),
            ("DisplayName", "Kim"), ("Password", "password1234"));
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains(Text.T("Identity.PasswordCommon"), browser.Html, StringComparison.Ordinal);

        var named = await browser.PostFormAsync("/signup", ("Email", $"{WhuffieFactory.Unique("bl")}@example.com"),
            ("DisplayName", "Birgitte Lund"), ("Password", "birgitte loves books"));
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Contains(Text.T("Identity.PasswordContainsName"), browser.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", browser.Html, StringComparison.Ordinal);

        var accepted = await browser.PostFormAsync("/signup", ("Email", $"{WhuffieFactory.Unique("bl")}@example.com"),
            ("DisplayName", "Birgitte Lund"), ("Password", "quiet reading room"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains(Text.T("SignUp.CheckEmail"), browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_me_signed_in_is_unticked_and_without_it_the_cookie_ends_with_the_browser()
    {
        var person = await app.SignUpAsync("Shared PC");
        var browser = app.Browse();
        await browser.GetAsync("/signin");
        var box = System.Text.RegularExpressions.Regex.Match(browser.Html, "<input type=\"checkbox\" id=\"remember\"[^>]*>").Value;
        Assert.NotEmpty(box);
        Assert.DoesNotContain("checked", box, StringComparison.Ordinal);

        // What the unticked box posts: nothing for Remember.
        var response = await browser.PostFormAsync("/signin", ("Email", person.Email), ("Password", "correct-horse-battery-1"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PagesSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
