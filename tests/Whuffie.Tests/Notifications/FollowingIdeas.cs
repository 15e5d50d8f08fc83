using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Following;
using Whuffie.Mail;

namespace Whuffie.Tests.Notifications;

/// <summary>
/// People who submit, vote on or comment on an idea follow it, and hear when it moves on: in
/// the app (the bell) and, with no mail server set up, in the organization's dev mailbox.
/// Sofie suggests Sunday opening at Søborg Bibliotek; Bo votes, Carl comments, Lars is staff.
/// </summary>
public sealed class FollowingIdeas(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private Task<List<Notification>> NotificationsAsync(string org) =>
        app.InOrgAsync(org, db => db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Everyone_who_took_part_hears_of_the_launch_with_the_answer_and_the_submitter_is_credited()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var carl = await app.SignUpAsync("Carl");
        var dan = await app.SignUpAsync("Dan");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        (await bo.VoteAsync(org, number)).EnsureSuccessStatusCode();
        (await carl.CommentAsync(org, number, "Yes please, for families")).EnsureSuccessStatusCode();
        (await dan.GetIdeaAsync(org, number)).GetProperty("number");

        (await lars.ChangeStatusAsync(org, number, "launched", "Open Sundays 10-16 from January.")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();

        var told = (await NotificationsAsync(org)).Where(n => n.Kind == NotificationKind.Status).ToList();
        Assert.Equal([sofie.Id, bo.Id, carl.Id], told.Select(n => n.UserId).Order());
        Assert.All(told, n => Assert.Equal("Open Sundays 10-16 from January.", n.Excerpt));
        Assert.True(told.Single(n => n.UserId == sofie.Id).Credited);
        Assert.False(told.Single(n => n.UserId == bo.Id).Credited);

        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync($"/{org}");
        Assert.Contains("Notifications<span class=\"badge\"> 1", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync("/me/notifications");
        Assert.Contains("Open Sundays 10-16 from January.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("credits you for this idea", browser.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"badge\">New<", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync("/me/notifications");
        Assert.DoesNotContain("class=\"badge\">New<", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notify_job_that_runs_twice_tells_nobody_twice()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Longer loans in summer");
        (await lars.ChangeStatusAsync(org, number, "planned", "We will try it in July.")).EnsureSuccessStatusCode();
        var job = await app.InOrgAsync(org, db => db.Jobs.AsNoTracking().Where(j => j.Kind == NotifyJob.Kind).OrderBy(j => j.Id).LastAsync());
        await app.RunJobsAsync();

        // As if a worker had died after its commit and before marking the job done.
        await app.InOrgAsync(org, async db =>
        {
            db.Jobs.Add(new Job { Kind = job.Kind, Payload = job.Payload, CreatedAt = job.CreatedAt, DueAt = job.CreatedAt });
            return await db.SaveChangesAsync();
        });
        await app.RunJobsAsync();

        Assert.Single(await NotificationsAsync(org));
        Assert.Single(await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task Comments_reach_every_follower_only_when_staff_write_them()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var bo = await app.SignUpAsync("Bo");
        var carl = await app.SignUpAsync("Carl");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "A quiet reading room");
        (await bo.VoteAsync(org, number)).EnsureSuccessStatusCode();
        var browser = app.Browse();
        await browser.SignInAsync(bo.Email);
        await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("value=\"updates\" selected", browser.Html, StringComparison.Ordinal);
        await browser.PostFormAsync($"/{org}/ideas/{number}?handler=follow", ("follow", "every"));

        (await carl.CommentAsync(org, number, "The basement would work")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();
        Assert.Equal([bo.Id], (await NotificationsAsync(org)).Select(n => n.UserId));

        (await lars.CommentAsync(org, number, "We are looking at the basement.")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();
        var fromStaff = (await NotificationsAsync(org)).Where(n => n.ActorName == "Lars").Select(n => n.UserId).Order();
        Assert.Equal(new[] { sofie.Id, bo.Id, carl.Id }.Order(), fromStaff);
    }

    [Fact]
    public async Task Someone_who_stops_following_hears_nothing_more()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Bike repair tools to borrow");
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync($"/{org}/ideas/{number}");
        var stopped = await browser.PostFormAsync($"/{org}/ideas/{number}?handler=follow", ("follow", "none"));
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);

        (await lars.ChangeStatusAsync(org, number, "planned", "Spring.")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();

        Assert.Empty(await NotificationsAsync(org));
        await browser.GetAsync($"/{org}/ideas/{number}");
        Assert.Contains("value=\"none\" selected", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_mail_server_the_email_lands_in_the_dev_mailbox_that_staff_read()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        (await lars.ChangeStatusAsync(org, number, "launched", "Open Sundays from January.")).EnsureSuccessStatusCode();
        await app.RunJobsAsync();

        var email = Assert.Single(await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().ToListAsync()));
        Assert.Equal(EmailState.InMailbox, email.State);
        Assert.Equal(sofie.Email, email.ToAddress);

        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        await staff.GetAsync($"/{org}/admin/mailbox");
        Assert.Contains("launched “Open on Sundays”", staff.Html, StringComparison.Ordinal);
        Assert.Contains("Open Sundays from January.", staff.Html, StringComparison.Ordinal);
        Assert.Contains("credits you for it", staff.Html, StringComparison.Ordinal);
        Assert.Contains("Did it help?", staff.Html, StringComparison.Ordinal);

        var member = app.Browse();
        await member.SignInAsync(sofie.Email);
        var refused = await member.GetAsync($"/{org}/admin/mailbox");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
