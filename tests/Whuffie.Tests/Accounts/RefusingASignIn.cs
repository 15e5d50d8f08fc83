using System.Text.RegularExpressions;
using Whuffie.Accounts;

namespace Whuffie.Tests.Accounts;

/// <summary>
/// A refused sign-in reads the same whether the account is unknown, the password wrong or the
/// account locked after too many tries: otherwise anyone could learn which addresses have accounts.
/// </summary>
public sealed partial class RefusingASignIn(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private const string Wrong = "not-my-password-at-all";

    /// <summary>Ten wrong passwords lock the account (AccountsApi); the right one is refused after that.</summary>
    private async Task<Person> LockedOutAsync()
    {
        var person = await app.SignUpAsync("Locked");
        var client = app.CreateClient();
        for (var i = 0; i < 10; i++)
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = person.Email, password = Wrong });
        return person;
    }

    [Fact]
    public async Task The_api_answers_a_locked_account_a_wrong_password_and_an_unknown_email_alike()
    {
        var locked = await LockedOutAsync();
        var other = await app.SignUpAsync("Other");
        var client = app.CreateClient();

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var (email, password) in new[] { (locked.Email, "correct-horse-battery-1"), (other.Email, Wrong), ("nobody-here@example.com", Wrong) })
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
            answers.Add((response.StatusCode, TraceId().Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"…\"")));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].Status);
        Assert.Contains(JsonSerializer.Serialize(AccountsApi.SignInFailed), answers[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("LockedOut", answers[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_answers_a_locked_account_a_wrong_password_and_an_unknown_email_alike()
    {
        var locked = await LockedOutAsync();
        var other = await app.SignUpAsync("Other");

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var (email, password) in new[] { (locked.Email, "correct-horse-battery-1"), (other.Email, Wrong), ("nobody-here@example.com", Wrong) })
        {
            var browser = app.Browse();
            await browser.GetAsync("/signin");
            var response = await browser.PostFormAsync("/signin", ("Email", email), ("Password", password));
            // The form echoes the address typed and carries a fresh token and nonce; the rest must match.
            var body = Token().Replace(browser.Html.Replace(email, "EMAIL", StringComparison.Ordinal), "TOKEN");
            answers.Add((response.StatusCode, Nonce().Replace(body, "NONCE")));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.BadRequest, answers[0].Status);
        Assert.Contains(Whuffie.Web.Text.T("SignIn.Failed"), answers[0].Body, StringComparison.Ordinal);
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();

    [GeneratedRegex("nonce=\"[^\"]+\"")]
    private static partial Regex Nonce();
}
