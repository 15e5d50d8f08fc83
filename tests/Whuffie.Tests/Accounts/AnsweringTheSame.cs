using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Accounts;
using Whuffie.Data;

namespace Whuffie.Tests.Accounts;

/// <summary>
/// Nothing a stranger can send tells them whether an address has an account here: sign-up, the
/// forgotten password and the confirmation resend answer byte for byte the same (apart from the
/// address itself and the form tokens), and the owner of a taken address is told by email.
/// </summary>
public sealed partial class AnsweringTheSame(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private async Task<List<AccountEmail>> EmailsToAsync(string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WhuffieDb>().AccountEmails.AsNoTracking().Where(e => e.ToAddress == address).ToListAsync();
    }

    private static string Unknown() => $"{WhuffieFactory.Unique("nobody")}@example.com";

    /// <summary>Status, content type and body of an API answer, the trace id aside.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} "
        + TraceId().Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"…\"");

    /// <summary>A page with the address and the per-request antiforgery values taken out.</summary>
    private static string Normalized(Browser page, string address) =>
        FormToken().Replace(page.Html.Replace(address, "ADDRESS", StringComparison.Ordinal), "TOKEN");

    [Fact]
    public async Task The_api_answers_the_same_for_a_taken_and_a_new_address_and_tells_the_owner()
    {
        var sofie = await app.SignUpAsync("Sofie");
        var client = app.CreateClient();
        var fresh = Unknown();

        var taken = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = sofie.Email, password = "another-library-card-1" });
        var created = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = fresh, password = "another-library-card-1" });
        Assert.Equal(await AnswerAsync(created), await AnswerAsync(taken));
        Assert.Single(await EmailsToAsync(sofie.Email), e => e.Kind == AccountEmailKind.AlreadyRegistered);
        Assert.Single(await EmailsToAsync(fresh), e => e.Kind == AccountEmailKind.Confirm);

        foreach (var path in new[] { "/api/v1/auth/forgotPassword", "/api/v1/auth/resendConfirmationEmail" })
            Assert.Equal(await AnswerAsync(await client.PostAsJsonAsync(path, new { email = Unknown() })),
                await AnswerAsync(await client.PostAsJsonAsync(path, new { email = sofie.Email })));
    }

    [Fact]
    public async Task The_sign_up_and_forgot_password_pages_answer_the_same_for_a_taken_and_a_new_address()
    {
        var sofie = await app.SignUpAsync("Sofie");
        var fresh = Unknown();

        async Task<(HttpStatusCode, string)> SignUpAsync(string address)
        {
            var page = app.Browse();
            await page.GetAsync("/signup");
            var response = await page.PostFormAsync("/signup", ("Email", address), ("DisplayName", "Someone"), ("Password", "another-library-card-1"));
            return (response.StatusCode, Normalized(page, address));
        }
        async Task<(HttpStatusCode, string)> ForgotAsync(string address)
        {
            var page = app.Browse();
            await page.GetAsync("/account/forgot");
            var response = await page.PostFormAsync("/account/forgot", ("Email", address));
            return (response.StatusCode, Normalized(page, address));
        }

        var taken = await SignUpAsync(sofie.Email);
        Assert.Equal(await SignUpAsync(fresh), taken);
        Assert.Equal(HttpStatusCode.OK, taken.Item1);
        Assert.Contains("Check your email", taken.Item2, StringComparison.Ordinal);
        Assert.Equal(await ForgotAsync(Unknown()), await ForgotAsync(sofie.Email));
        Assert.Single(await EmailsToAsync(sofie.Email), e => e.Kind == AccountEmailKind.Reset);
    }

    [Fact]
    public async Task One_address_gets_at_most_five_account_emails_an_hour_and_the_answer_does_not_change()
    {
        var sofie = await app.SignUpAsync("Sofie");
        var client = app.CreateClient();
        var answers = new List<string>();
        for (var i = 0; i < 7; i++) answers.Add(await AnswerAsync(await client.PostAsJsonAsync("/api/v1/auth/resendConfirmationEmail", new { email = sofie.Email })));
        Assert.Single(answers.Distinct());
        // The sign-up's own confirmation counts too: five in all.
        Assert.Equal(new AccountOptions().EmailsPerHour, (await EmailsToAsync(sofie.Email)).Count);
    }

    [Fact]
    public void Production_without_a_mail_server_does_not_start_unless_the_dev_mailbox_is_asked_for()
    {
        using var refused = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => refused.Server);
        Assert.Contains("Mail:DevMailbox=true", error.ToString(), StringComparison.Ordinal);

        using var asked = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Mail:DevMailbox", "true"));
        Assert.NotNull(asked.Server);
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+")]
    private static partial Regex FormToken();
}
