using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Whuffie.Accounts;
using Whuffie.Background;
using Whuffie.Data;

namespace Whuffie.Tests.Accounts;

/// <summary>
/// Signing in without a password: the link and the code come out of a real email (aiosmtpd on
/// loopback), as a person would use them, on this device or another.
/// </summary>
public sealed partial class SigningInByEmail(WhuffieFactory app, SmtpServer smtp) : IClassFixture<WhuffieFactory>, IClassFixture<SmtpServer>
{
    // Plain http: with an https site the cookies are Secure, and the test client speaks http.
    private const string Site = "http://whuffie.test";
    private const string WrongCode = "That code is not right or has expired. Ask for a new link.";

    private WebApplicationFactory<Program> Mailing(TimeProvider? clock = null) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Mail:Host", "127.0.0.1");
        b.UseSetting("Mail:Port", smtp.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseSetting("Mail:Security", "None");
        b.UseSetting("Mail:From", SmtpServer.SenderAddress);
        b.UseSetting("Site:Url", Site);
        if (clock is not null) b.ConfigureServices(s => s.AddSingleton(clock));
    });

    private static Browser Browse(WebApplicationFactory<Program> host) =>
        new(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Asks for a link on the sign-in page; returns the page's answer.</summary>
    private static async Task<HttpResponseMessage> AskAsync(Browser browser, string email)
    {
        await browser.GetAsync("/signin");
        return await browser.PostFormAsync("/signin?handler=link", ("Email", email));
    }

    /// <summary>The link (path and query) and the code in the newest email to the address.</summary>
    private async Task<(string Link, string Code)> EmailedAsync(WebApplicationFactory<Program> host, string address)
    {
        var worker = host.Services.GetRequiredService<JobWorker>();
        while (await worker.RunNextAsync(default)) { }
        var mail = smtp.Received().LastOrDefault(m => m.RcptTos.Contains(address));
        Assert.True(mail is not null, $"No email reached {address}.");
        var body = Assert.Single(mail.Parts).Content;
        var link = Regex.Match(body, Regex.Escape(Site + "/account/signin-link") + @"\?\S+");
        var code = CodeLine().Match(body);
        Assert.True(link.Success && code.Success, $"No link or code in:\n{body}");
        return (new Uri(link.Value).PathAndQuery, code.Groups[1].Value);
    }

    private static string Token(string link) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query)["token"].ToString();

    private static async Task<bool> SignedInAsync(Browser browser) =>
        (await browser.Client.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.OK;

    private async Task<T> AnyScopeAsync<T>(Func<IServiceProvider, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider);
    }

    private static async Task<HttpResponseMessage> EnterAsync(Browser browser, string email, string code) =>
        await browser.PostFormAsync("/signin?handler=code", ("Email", email), ("Code", code));

    [Fact]
    public async Task The_emailed_link_signs_in_once_and_opening_it_spends_nothing()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = Browse(mailing);
        await AskAsync(browser, sofie.Email);
        Assert.Contains("autocomplete=\"one-time-code\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", browser.Html, StringComparison.Ordinal);
        var (link, _) = await EmailedAsync(mailing, sofie.Email);
        Assert.Equal(AccountEmailKind.SignInLink, (await AnyScopeAsync(s => s.GetRequiredService<WhuffieDb>().AccountEmails.OrderBy(e => e.Id).LastAsync(e => e.ToAddress == sofie.Email))).Kind);

        // A mail scanner's prefetch: a page with a button, nobody signed in, the link still good.
        var scanner = Browse(mailing);
        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link)).StatusCode);
        Assert.False(await SignedInAsync(scanner));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        Assert.Contains("action=\"/account/signin-link\"", browser.Html, StringComparison.Ordinal);
        var signedIn = await browser.PostFormAsync("/account/signin-link", ("Token", Token(link)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.True(await SignedInAsync(browser));

        var again = await scanner.PostFormAsync("/account/signin-link", ("Token", Token(link)));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This sign-in link does not work any more", scanner.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/signin\"", scanner.Html, StringComparison.Ordinal);
        Assert.False(await SignedInAsync(scanner));
        Assert.Equal(HttpStatusCode.BadRequest, (await scanner.GetAsync(link)).StatusCode);
        // Only hashes are kept: the token in the link is nowhere in the database.
        var row = await AnyScopeAsync(s => s.GetRequiredService<WhuffieDb>().SignInCodes.OrderBy(c => c.Id).LastAsync(c => c.UserId == sofie.Id));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(Token(link))), row.LinkHash);
        Assert.NotNull(row.UsedAt);
    }

    [Fact]
    public async Task The_code_from_the_same_email_signs_in_on_another_device_once()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        await AskAsync(Browse(mailing), sofie.Email);
        var (_, code) = await EmailedAsync(mailing, sofie.Email);

        var phone = Browse(mailing);
        await AskAsync(phone, "someone-else@example.com");
        var entered = await EnterAsync(phone, sofie.Email, code);
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        Assert.True(await SignedInAsync(phone));

        var other = Browse(mailing);
        await other.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.BadRequest, (await EnterAsync(other, sofie.Email, code)).StatusCode);
        Assert.Contains(WrongCode, other.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_codes_spend_the_email_so_the_right_one_then_fails()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = Browse(mailing);
        await AskAsync(browser, sofie.Email);
        var (link, code) = await EmailedAsync(mailing, sofie.Email);
        var wrong = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 0; i < SignInLinks.MaxAttempts; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await EnterAsync(browser, sofie.Email, wrong)).StatusCode);
            Assert.Contains(WrongCode, browser.Html, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await EnterAsync(browser, sofie.Email, code)).StatusCode);
        Assert.Contains(WrongCode, browser.Html, StringComparison.Ordinal);
        Assert.False(await SignedInAsync(browser));
        // The link was the same sign-in: spent with it.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task The_link_and_the_code_expire_after_fifteen_minutes()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        await AskAsync(Browse(mailing), sofie.Email);
        var (link, code) = await EmailedAsync(mailing, sofie.Email);

        await using var later = Mailing(new FakeTimeProvider(app.Clock.GetUtcNow() + SignInLinks.Lifetime + TimeSpan.FromMinutes(1)));
        var tooLate = Browse(later);
        Assert.Equal(HttpStatusCode.BadRequest, (await tooLate.GetAsync(link)).StatusCode);
        await tooLate.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.BadRequest, (await tooLate.PostFormAsync("/account/signin-link", ("Token", Token(link)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnterAsync(tooLate, sofie.Email, code)).StatusCode);
        Assert.Contains(WrongCode, tooLate.Html, StringComparison.Ordinal);
        Assert.False(await SignedInAsync(tooLate));

        await using var inTime = Mailing(new FakeTimeProvider(app.Clock.GetUtcNow() + SignInLinks.Lifetime - TimeSpan.FromMinutes(1)));
        var justInTime = Browse(inTime);
        await justInTime.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.Redirect, (await EnterAsync(justInTime, sofie.Email, code)).StatusCode);
    }

    [Fact]
    public async Task A_new_request_spends_the_older_email()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = Browse(mailing);
        await AskAsync(browser, sofie.Email);
        var (first, _) = await EmailedAsync(mailing, sofie.Email);
        await AskAsync(browser, sofie.Email);
        var (second, _) = await EmailedAsync(mailing, sofie.Email);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task The_answer_is_the_same_for_an_unknown_and_a_known_address()
    {
        var sofie = await app.SignUpAsync("Sofie");
        async Task<(HttpStatusCode, string)> AnswerAsync(string address)
        {
            var page = app.Browse();
            var response = await AskAsync(page, address);
            return (response.StatusCode, FormToken().Replace(page.Html.Replace(address, "ADDRESS", StringComparison.Ordinal), "TOKEN"));
        }
        async Task<(HttpStatusCode, string)> CodeAsync(string address)
        {
            var page = app.Browse();
            await page.GetAsync("/signin");
            var response = await EnterAsync(page, address, "123456");
            return (response.StatusCode, FormToken().Replace(page.Html.Replace(address, "ADDRESS", StringComparison.Ordinal), "TOKEN"));
        }

        var known = await AnswerAsync(sofie.Email);
        Assert.Equal(await AnswerAsync($"{WhuffieFactory.Unique("nobody")}@example.com"), known);
        Assert.Equal(HttpStatusCode.OK, known.Item1);
        Assert.Contains("If ADDRESS has an account here, we sent it a sign-in link and a code. Both work once, for 15 minutes.", known.Item2, StringComparison.Ordinal);
        var email = await AnyScopeAsync(s => s.GetRequiredService<WhuffieDb>().AccountEmails.OrderBy(e => e.Id).LastAsync(e => e.ToAddress == sofie.Email));
        Assert.Equal(AccountEmailKind.SignInLink, email.Kind);
        // A wrong code (one in a million it is right: then this test fails once) answers as for nobody.
        Assert.Equal(await CodeAsync($"{WhuffieFactory.Unique("nobody")}@example.com"), await CodeAsync(sofie.Email));
    }

    [Fact]
    public async Task Signing_in_by_link_confirms_the_address()
    {
        await using var mailing = Mailing();
        var org = await app.CreateOrgAsync();
        var ida = await app.SignUpAsync("Ida", confirmed: false);
        var browser = Browse(mailing);
        await AskAsync(browser, ida.Email);
        var (link, _) = await EmailedAsync(mailing, ida.Email);
        await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/signin-link", ("Token", Token(link)))).StatusCode);

        Assert.True(await AnyScopeAsync(s => s.GetRequiredService<WhuffieDb>().Users.Where(u => u.Id == ida.Id).Select(u => u.EmailConfirmed).SingleAsync()));
        // The new sign-in was made after confirming: no "confirm your address" banner.
        await browser.GetAsync($"/{org}");
        Assert.DoesNotContain("/account/confirm?handler=resend", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_out_account_is_not_let_in_by_link_or_code()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = Browse(mailing);
        await AskAsync(browser, sofie.Email);
        var (link, code) = await EmailedAsync(mailing, sofie.Email);
        await AnyScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            return await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(sofie.Email))!, DateTimeOffset.MaxValue);
        });

        Assert.Equal(HttpStatusCode.BadRequest, (await EnterAsync(browser, sofie.Email, code)).StatusCode);
        Assert.Contains(WrongCode, browser.Html, StringComparison.Ordinal);
        await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync("/account/signin-link", ("Token", Token(link)))).StatusCode);
        Assert.False(await SignedInAsync(browser));
    }

    [GeneratedRegex(@"^\s*(\d{6})\s*$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+")]
    private static partial Regex FormToken();
}
