using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;
using static Whuffie.Tests.Limits.LimitTesting;

namespace Whuffie.Tests.Limits;

/// <summary>Signing in, signing up and the password mails: bounded per network address, API and page alike.</summary>
public sealed class AccountLimits(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static readonly object WrongSignIn = new { email = "nobody@example.com", password = "wrong-password-1" };

    [Fact]
    public async Task Sign_ins_past_the_limit_are_refused_with_Retry_After_in_the_persons_language_on_the_API_and_the_page()
    {
        await using var limited = app.WithLimit("SignIn", 3);
        var api = limited.Client();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", WrongSignIn)).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", WrongSignIn), English);
        await RefusedAsync(await api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", WrongSignIn, "da"), Danish);

        // The page counts in the same bucket; showing its form is free.
        var browser = limited.Browse();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/signin")).StatusCode);
        var page = await browser.PostFormAsync("/signin", ("Email", "nobody@example.com"), ("Password", "wrong-password-1"));
        RefusedPage(page, browser, EnglishPage, English);
    }

    [Fact]
    public void Identity_locks_an_account_for_15_minutes_after_10_wrong_passwords_next_to_the_per_address_limit()
    {
        var lockout = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.Lockout;
        Assert.Equal((10, TimeSpan.FromMinutes(15)), (lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan));
    }

    [Fact]
    public async Task A_refused_sign_up_makes_no_account_and_the_page_says_so_in_Danish()
    {
        await using var limited = app.WithLimit("SignUp", 2);
        var api = limited.Client();
        var emails = Enumerable.Range(1, 4).Select(_ => WhuffieFactory.Unique("sofie") + "@example.com").ToList();
        foreach (var email in emails.Take(2))
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password = "correct-horse-battery-1" })).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Post, "/api/v1/auth/register", new { email = emails[2], password = "correct-horse-battery-1" }), English);

        var browser = limited.Browse();
        await browser.GetAsync("/language/da?returnUrl=/signup");
        await browser.GetAsync("/signup");
        var page = await browser.PostFormAsync("/signup", ("Email", emails[3]), ("DisplayName", "Sofie"), ("Password", "correct-horse-battery-1"));
        RefusedPage(page, browser, DanishPage, Danish);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        Assert.Equal(2, await db.Users.CountAsync(u => emails.Contains(u.Email!)));
    }

    [Fact]
    public async Task Password_reset_and_confirmation_mails_share_one_bound()
    {
        await using var limited = app.WithLimit("PasswordReset", 2);
        var api = limited.Client();
        var email = new { email = "nobody@example.com" };
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/api/v1/auth/forgotPassword", email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/api/v1/auth/resendConfirmationEmail", email)).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Post, "/api/v1/auth/forgotPassword", email), English);
        await RefusedAsync(await api.SendAsync(HttpMethod.Post, "/api/v1/auth/resetPassword",
            new { email = "nobody@example.com", resetCode = "x", newPassword = "correct-horse-battery-2" }, "da"), Danish);
        // Another address is not held up.
        Assert.Equal(HttpStatusCode.OK, (await limited.Client(address: "198.51.100.20").SendAsync(HttpMethod.Post, "/api/v1/auth/forgotPassword", email)).StatusCode);
    }
}
