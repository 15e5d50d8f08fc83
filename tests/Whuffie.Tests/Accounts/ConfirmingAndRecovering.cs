using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Whuffie.Accounts;
using Whuffie.Background;
using Whuffie.Data;

namespace Whuffie.Tests.Accounts;

/// <summary>
/// Confirming an address and recovering an account, through a real SMTP server (aiosmtpd on
/// loopback): the links come out of the emails as a person would click them.
/// </summary>
public sealed partial class ConfirmingAndRecovering(WhuffieFactory app, SmtpServer smtp) : IClassFixture<WhuffieFactory>, IClassFixture<SmtpServer>
{
    // Plain http: with an https site the cookies are Secure, and the test client speaks http.
    private const string Site = "http://whuffie.test";

    /// <summary>The same application and database, with the mail server set up.</summary>
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

    private static async Task RunJobsAsync(WebApplicationFactory<Program> host)
    {
        var worker = host.Services.GetRequiredService<JobWorker>();
        while (await worker.RunNextAsync(default)) { }
    }

    /// <summary>The newest email to the address, once the jobs have sent it.</summary>
    private async Task<ReceivedMail> LastMailToAsync(WebApplicationFactory<Program> host, string address)
    {
        await RunJobsAsync(host);
        var mail = smtp.Received().LastOrDefault(m => m.RcptTos.Contains(address));
        Assert.True(mail is not null, $"No email reached {address}.");
        return mail;
    }

    private static string Body(ReceivedMail mail) => Assert.Single(mail.Parts).Content;

    /// <summary>The first link in the email to our site, as a path and query to request.</summary>
    private static string LinkIn(ReceivedMail mail, string path)
    {
        var match = Regex.Match(Body(mail), Regex.Escape(Site + path) + @"\?\S+");
        Assert.True(match.Success, $"No {path} link in:\n{Body(mail)}");
        return new Uri(match.Value).PathAndQuery;
    }

    private async Task<int> IdeaCountAsync() =>
        await AnyScopeAsync(db => db.Ideas.IgnoreQueryFilters().CountAsync());

    private async Task<T> AnyScopeAsync<T>(Func<WhuffieDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WhuffieDb>());
    }

    [Fact]
    public async Task Signing_up_sends_a_confirmation_in_the_persons_language_and_its_link_lets_them_take_part()
    {
        await using var mailing = Mailing();
        var org = await app.CreateOrgAsync();
        var email = $"{WhuffieFactory.Unique("karen")}@example.dk";
        var client = mailing.CreateClient();
        var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register") { Content = JsonContent.Create(new { email, password = WhuffieFactory.Password }) };
        register.Headers.AcceptLanguage.ParseAdd("da");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(register)).StatusCode);

        var mail = await LastMailToAsync(mailing, email);
        Assert.Equal("Bekræft din e-mailadresse", mail.Subject);
        Assert.Equal("da", mail.Header("Content-Language"));
        Assert.Equal("auto-generated", mail.Header("Auto-Submitted"));
        var link = LinkIn(mail, "/account/confirm");
        // Sent, the body is erased: a database backup holds no link into anyone's account.
        Assert.Null((await AnyScopeAsync(db => db.AccountEmails.SingleAsync(e => e.ToAddress == email))).ProtectedBody);

        // Signed in but unconfirmed: reading works, taking part is refused with what to do.
        var login = await Expect.JsonAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = WhuffieFactory.Password }));
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{org}/ideas")).StatusCode);
        var refused = await Expect.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas", new { title = "Open on Sundays" }), HttpStatusCode.Forbidden);
        Assert.Contains("Confirm your email address", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var visitor = Browse(mailing);
        await visitor.GetAsync(link);
        Assert.Contains("your email address is confirmed", visitor.Html, StringComparison.Ordinal);
        // The same token, still valid, now lets the person in: the gate reads the database, not the token.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas", new { title = "Open on Sundays" })).StatusCode);

        var tampered = Browse(mailing);
        await tampered.GetAsync(link.Replace("code=", "code=x", StringComparison.Ordinal));
        Assert.Contains("not valid or has expired", tampered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfirmed_people_read_and_sign_in_but_ideas_votes_and_comments_wait_for_the_confirmation()
    {
        var org = await app.CreateOrgAsync();
        var author = await app.SignUpAsync("Sofie");
        var number = await author.SubmitIdeaAsync(org, "Longer opening hours");
        var ida = await app.SignUpAsync("Ida", confirmed: false);
        var before = await IdeaCountAsync();

        foreach (var response in new[]
        {
            await ida.SubmitAsync(org, "Open on Sundays"),
            await ida.VoteAsync(org, number),
            await ida.CommentAsync(org, number, "Yes please"),
        })
        {
            var problem = await Expect.ProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("Confirm your email address to post ideas, vote and comment: open the link we sent you.", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(before, await IdeaCountAsync());
        var idea = await ida.GetIdeaAsync(org, number);
        Assert.Equal(0, idea.GetProperty("voteCount").GetInt32());
        Assert.Equal(0, idea.GetProperty("commentCount").GetInt32());

        // The pages show why, with a button that sends the link again.
        var browser = app.Browse();
        await browser.SignInAsync(ida.Email);
        await browser.GetAsync($"/{org}");
        Assert.Contains("action=\"/account/confirm?handler=resend\"", browser.Html, StringComparison.Ordinal);
        var resent = await browser.PostFormAsync("/account/confirm?handler=resend");
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(2, await AnyScopeAsync(db => db.AccountEmails.CountAsync(e => e.ToAddress == ida.Email && e.Kind == AccountEmailKind.Confirm)));
    }

    [Fact]
    public async Task Forgot_password_sends_a_link_that_sets_a_new_password_once()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = Browse(mailing);
        await browser.GetAsync("/signin");
        Assert.Contains("href=\"/account/forgot\"", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync("/account/forgot");
        await browser.PostFormAsync("/account/forgot", ("Email", sofie.Email));
        Assert.Contains($"If {sofie.Email} has an account here", browser.Html, StringComparison.Ordinal);

        var link = LinkIn(await LastMailToAsync(mailing, sofie.Email), "/account/reset");
        await browser.GetAsync(link);
        var saved = await browser.PostFormAsync("/account/reset", Fields(link, "a-new-library-card-7"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Your new password is saved", browser.Html, StringComparison.Ordinal);

        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = sofie.Email, password = WhuffieFactory.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = sofie.Email, password = "a-new-library-card-7" })).StatusCode);

        // Once: the reset changed the security stamp the link was bound to.
        await browser.GetAsync(link);
        var again = await browser.PostFormAsync("/account/reset", Fields(link, "yet-another-card-8"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This link does not work any more", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_link_expires_after_an_hour()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var browser = Browse(mailing);
        await browser.GetAsync("/account/forgot");
        await browser.PostFormAsync("/account/forgot", ("Email", sofie.Email));
        var link = LinkIn(await LastMailToAsync(mailing, sofie.Email), "/account/reset");

        await using var later = Mailing(new FakeTimeProvider(app.Clock.GetUtcNow() + TimedTokens.ResetLifetime + TimeSpan.FromMinutes(1)));
        var tooLate = Browse(later);
        await tooLate.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, (await tooLate.PostFormAsync("/account/reset", Fields(link, "a-new-library-card-7"))).StatusCode);
        Assert.Contains("This link does not work any more", tooLate.Html, StringComparison.Ordinal);

        await using var inTime = Mailing(new FakeTimeProvider(app.Clock.GetUtcNow() + TimedTokens.ResetLifetime - TimeSpan.FromMinutes(1)));
        var justInTime = Browse(inTime);
        await justInTime.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, (await justInTime.PostFormAsync("/account/reset", Fields(link, "a-new-library-card-7"))).StatusCode);
    }

    [Fact]
    public async Task The_apis_forgot_password_really_sends_the_code_its_reset_password_takes()
    {
        await using var mailing = Mailing();
        var sofie = await app.SignUpAsync("Sofie");
        var client = mailing.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email = sofie.Email })).StatusCode);
        var code = CodeLine().Match(Body(await LastMailToAsync(mailing, sofie.Email))).Groups[1].Value;
        Assert.NotEmpty(code);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/resetPassword",
            new { email = sofie.Email, resetCode = code, newPassword = "a-new-library-card-7" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = sofie.Email, password = "a-new-library-card-7" })).StatusCode);
    }

    private static (string, string)[] Fields(string link, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        return [("Email", query["email"].ToString()), ("Code", query["code"].ToString()), ("Password", password)];
    }

    [GeneratedRegex(@"reset code, it is:\s+(\S+)")]
    private static partial Regex CodeLine();
}
