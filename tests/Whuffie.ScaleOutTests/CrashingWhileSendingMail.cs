using Whuffie.Tests.Infrastructure;

namespace Whuffie.ScaleOutTests;

/// <summary>
/// The email outbox under a crash: the built app sends 300 waiting emails to a real SMTP server
/// (aiosmtpd on loopback), is killed with SIGKILL in the middle of it, and started again. Every
/// email then reaches the server exactly once: none lost, none twice.
/// </summary>
public sealed class CrashingWhileSendingMail(SmtpServer smtp) : CrashTest, IClassFixture<SmtpServer>
{
    private const int Emails = 300;

    [Fact]
    public async Task A_sender_killed_in_the_middle_delivers_every_email_exactly_once_after_a_restart()
    {
        var settings = Settings(smtp, ("Jobs__PollInterval", "00:00:00.05"),
            // The killed worker's job comes back after this.
            ("Jobs__Lease", "00:00:03"));
        await AppProcess.RunCommandAsync(settings, "migrate");
        await AppProcess.RunCommandAsync(settings, "org", "create", "soeborg-bibliotek", "--name", "Søborg Bibliotek", "--language", "da");
        await AppProcess.RunCommandAsync(settings, "user", "create", "--email", "sofie@example.dk", "--password", "correct-horse-battery-1", "--name", "Sofie");
        // The outbox as NotifyJob leaves it: each email with its send job, in one transaction.
        await ExecuteAsync($"""
            BEGIN;
            INSERT INTO "OutboxEmails" ("OrganizationId", "UserId", "EventKey", "ToAddress", "ToName", "Language", "Subject", "TextBody", "HtmlBody", "MessageId", "State", "CreatedAt")
            SELECT o."Id", u."Id", 'crash:' || g, u."Email", 'Sofie', 'en', 'Message ' || g, 'Body ' || g, '<p>Body ' || g || '</p>', '<crash-' || g || '@whuffie.test>', 'Pending', now()
            FROM generate_series(1, {Emails}) g, "Organizations" o, "AspNetUsers" u;
            INSERT INTO "Jobs" ("Kind", "Payload", "CreatedAt", "DueAt", "Attempts")
            SELECT 'send-email', '{"{"}"emailId":' || "Id" || '{"}"}', now(), now(), 0 FROM "OutboxEmails";
            COMMIT;
            """);

        var first = await StartAsync("first", settings);
        await WaitAsync(() => Task.FromResult(Arrived() >= Emails / 5), "a fifth of the emails to arrive");
        await first.DisposeAsync(); // SIGKILL, in the middle of the batch
        var atKill = Arrived();
        Assert.True(atKill < Emails, $"All {Emails} emails were out before the kill; the test proves nothing.");

        await using var second = await StartAsync("second", settings);
        await WaitAsync(async () => await CountAsync("""SELECT count(*) FROM "OutboxEmails" WHERE "State" = 'Sent'""") == Emails,
            "every email to be recorded as sent");
        await WaitAsync(() => Task.FromResult(Arrived() >= Emails), "every email to arrive");

        var byId = smtp.Received().GroupBy(m => m.Header("Message-ID")).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(Emails, byId.Count);
        var repeated = byId.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        Assert.True(repeated.Count == 0, $"Arrived more than once (killed after {atKill}): {string.Join(", ", repeated)}");
    }

    private int Arrived() => smtp.Count();
}
