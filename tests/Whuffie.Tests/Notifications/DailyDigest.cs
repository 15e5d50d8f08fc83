using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Following;

namespace Whuffie.Tests.Notifications;

/// <summary>People who chose a digest get one email a day listing what happened, instead of an email per event.</summary>
public sealed class DailyDigest(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Someone_who_chose_a_digest_gets_one_email_with_everything_and_nothing_twice()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        (await bo.VoteAsync(org, number)).EnsureSuccessStatusCode();
        var browser = app.Browse();
        await browser.SignInAsync(bo.Email);
        await browser.GetAsync("/me");
        await browser.PostFormAsync("/me?handler=email", ("EmailNotifications", "true"), ("EmailDigest", "true"), ("Language", "en"));

        (await lars.ChangeStatusAsync(org, number, "planned", "From March.")).EnsureSuccessStatusCode();
        (await lars.CommentAsync(org, number, "We will share the date in February.")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();

        Assert.Equal(2, await app.InOrgAsync(org, db => db.OutboxEmails.CountAsync(e => e.UserId == sofie.Id)));
        Assert.Equal(0, await app.InOrgAsync(org, db => db.OutboxEmails.CountAsync(e => e.UserId == bo.Id)));
        Assert.Equal(2, await app.InOrgAsync(org, db => db.Notifications.CountAsync(n => n.UserId == bo.Id && n.DigestedAt == null)));

        for (var run = 0; run < 2; run++)
        {
            await app.InOrgAsync(org, async db =>
            {
                db.Jobs.RemoveRange(db.Jobs.Where(j => j.Kind == DigestJob.Kind && j.CompletedAt == null));
                db.Enqueue(DigestJob.Kind, new { }, app.Now);
                return await db.SaveChangesAsync();
            });
            await app.RunJobsAsync();
        }

        var digest = await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.UserId == bo.Id));
        Assert.Equal($"Søborg Bibliotek: 2 updates on ideas you follow", digest.Subject);
        Assert.Contains("Lars moved “Open on Sundays” to “Planned”", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Lars commented on “Open on Sundays”", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await app.InOrgAsync(org, db => db.Notifications.CountAsync(n => n.DigestedAt == null)));
        Assert.Equal(1, await app.InOrgAsync(org, db => db.Jobs.CountAsync(j => j.Kind == DigestJob.Kind && j.CompletedAt == null && j.DueAt != null)));
    }
}
