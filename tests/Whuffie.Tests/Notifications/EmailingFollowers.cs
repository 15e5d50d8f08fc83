using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Background;
using Whuffie.Mail;
using Whuffie.Web;

namespace Whuffie.Tests.Notifications;

/// <summary>
/// Followers' email through a real SMTP server (aiosmtpd on loopback), read back by Python's
/// email package: in the recipient's language, with a text and an HTML part, and a one-click
/// way out (RFC 8058) that really stops further mail.
/// </summary>
public sealed class EmailingFollowers(WhuffieFactory app, SmtpServer smtp) : IClassFixture<WhuffieFactory>, IClassFixture<SmtpServer>
{
    /// <summary>The same application and database, with the mail server set up.</summary>
    private WebApplicationFactory<Program> Mailing() => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Mail:Host", "127.0.0.1");
        b.UseSetting("Mail:Port", smtp.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseSetting("Mail:Security", "None");
        b.UseSetting("Mail:From", SmtpServer.SenderAddress);
        b.UseSetting("Mail:FromName", "Søborg Bibliotek via Whuffie");
        b.UseSetting("Site:Url", "https://whuffie.test");
    });

    private static async Task RunJobsAsync(WebApplicationFactory<Program> host)
    {
        var worker = host.Services.GetRequiredService<JobWorker>();
        while (await worker.RunNextAsync(default)) { }
    }

    [Fact]
    public async Task The_submitter_gets_the_launch_email_in_their_language_and_one_click_stops_the_next()
    {
        await using var mailing = Mailing();
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync("/me");
        await browser.PostFormAsync("/me?handler=email", ("EmailNotifications", "true"), ("Language", "da"));
        var number = await sofie.SubmitIdeaAsync(org, "Åbent om søndagen");

        (await lars.ChangeStatusAsync(org, number, "launched", "Vi åbner søndage 10-16 fra januar.")).EnsureSuccessStatusCode();
        await RunJobsAsync(mailing);

        var email = await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().SingleAsync());
        Assert.Equal(EmailState.Sent, email.State);
        var mail = await smtp.WaitForAsync(email.MessageId);
        Assert.Equal([sofie.Email], mail.RcptTos);
        Assert.Empty(mail.Defects);
        string subject, credit, question;
        using (Languages.Speak("da"))
        {
            subject = Text.T("Mail.Launched.Subject", "Søborg Bibliotek", "Åbent om søndagen");
            credit = Text.T("Mail.Launched.Credit", "Søborg Bibliotek");
            question = Text.T("Mail.Launched.DidItHelp", "Søborg Bibliotek");
        }
        Assert.Equal(subject, mail.Subject);
        Assert.Equal("da", mail.Header("Content-Language"));
        Assert.Equal("auto-generated", mail.Header("Auto-Submitted"));
        Assert.Equal(["text/plain", "text/html"], mail.Parts.Select(p => p.ContentType));
        var text = mail.Parts[0].Content;
        Assert.Contains("> Vi åbner søndage 10-16 fra januar.", text, StringComparison.Ordinal);
        Assert.Contains(credit, text, StringComparison.Ordinal);
        Assert.Contains(question, text, StringComparison.Ordinal);
        Assert.Contains($"https://whuffie.test/{org}/ideas/{number}/", text, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(credit), mail.Parts[1].Content, StringComparison.Ordinal);

        var unsubscribe = mail.Header("List-Unsubscribe")!;
        Assert.StartsWith("<https://whuffie.test/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));

        // What a mail provider does for its unsubscribe button: a bare POST, no cookie, no form token.
        var url = new Uri(unsubscribe.Trim('<', '>'));
        using var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var oneClick = await stranger.PostAsync(url.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        (await lars.CommentAsync(org, number, "Tak for idéen, Sofie!")).EnsureSuccessStatusCode();
        await RunJobsAsync(mailing);
        Assert.Single(await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().ToListAsync()));
        Assert.Equal(2, await app.InOrgAsync(org, db => db.Notifications.CountAsync()));
        // Account email (the sign-up's confirmation) is not news: turning news off leaves it alone.
        Assert.DoesNotContain(smtp.Received(), m => m.RcptTos.Contains(sofie.Email) && m.Header("Message-ID") != email.MessageId
            && !m.Header("Message-ID")!.StartsWith("<account-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_unsubscribe_link_changes_nothing()
    {
        var sofie = await app.SignUpAsync("Sofie");
        using var stranger = app.CreateClient();
        using var response = await stranger.PostAsync("/unsubscribe?token=not-a-real-token", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Whuffie.Data.WhuffieDb>();
        Assert.True(await db.Users.Where(u => u.Id == sofie.Id).Select(u => u.EmailNotifications).SingleAsync());
    }
}
