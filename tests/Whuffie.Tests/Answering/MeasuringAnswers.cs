using Microsoft.EntityFrameworkCore;
using Whuffie.Answering;
using Whuffie.Background;
using Whuffie.Mail;
using Whuffie.Organizations;

namespace Whuffie.Tests.Answering;

/// <summary>
/// The promise to always answer, measured: which ideas still wait for staff, the share
/// answered, and the median and 90th percentile time to a first staff answer, checked against
/// values worked out by hand.
/// </summary>
public sealed class MeasuringAnswers(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static readonly DateTime Now = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_figures_match_the_ones_worked_out_by_hand()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var a = await sofie.SubmitIdeaAsync(org, "A: answered by a status change after 2 days");
        var b = await sofie.SubmitIdeaAsync(org, "B: answered by a staff comment after 4 days");
        var c = await sofie.SubmitIdeaAsync(org, "C: a staff comment after 12 hours, then a status change");
        var d = await sofie.SubmitIdeaAsync(org, "D: only a member commented, 10 days ago");
        var e = await sofie.SubmitIdeaAsync(org, "E: new, 3 days old");
        (await lars.ChangeStatusAsync(org, a, "under_review", "We are looking at it.")).EnsureSuccessStatusCode();
        (await lars.CommentAsync(org, b, "Thank you, good point.")).EnsureSuccessStatusCode();
        (await lars.CommentAsync(org, c, "We like it.")).EnsureSuccessStatusCode();
        (await lars.ChangeStatusAsync(org, c, "planned", "Planned for spring.")).EnsureSuccessStatusCode();
        (await sofie.CommentAsync(org, d, "Anyone?")).EnsureSuccessStatusCode();

        await app.InOrgAsync(org, async db =>
        {
            async Task Created(int number, double daysAgo) => await db.Ideas.Where(i => i.Number == number)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, Now.AddDays(-daysAgo)));
            await Created(a, 10); await Created(b, 9); await Created(c, 8); await Created(d, 10); await Created(e, 3);
            await db.StatusChanges.Where(s => db.Ideas.Any(i => i.Id == s.IdeaId && i.Number == a)).ExecuteUpdateAsync(s => s.SetProperty(x => x.At, Now.AddDays(-8)));
            await db.StatusChanges.Where(s => db.Ideas.Any(i => i.Id == s.IdeaId && i.Number == c)).ExecuteUpdateAsync(s => s.SetProperty(x => x.At, Now.AddDays(-7)));
            await db.Comments.Where(m => db.Ideas.Any(i => i.Id == m.IdeaId && i.Number == b)).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, Now.AddDays(-5)));
            await db.Comments.Where(m => db.Ideas.Any(i => i.Id == m.IdeaId && i.Number == c)).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, Now.AddDays(-7.5)));
            return 0;
        });

        var figures = await app.InOrgAsync(org, db => ResponseFigures.ComputeAsync(db, Now, default));

        // First answers after 2 days (A), 4 days (B) and 12 hours (C): sorted 0.5, 2, 4.
        Assert.Equal(5, figures.Ideas);
        Assert.Equal(3, figures.Answered);
        Assert.Equal(0.6, figures.AnsweredShare, 6);
        Assert.Equal(TimeSpan.FromDays(2), figures.Median);
        // Rank (3 − 1) × 0.9 = 1.8: 2 days + 0.8 × (4 − 2) days.
        Assert.Equal(TimeSpan.FromDays(3.6), figures.Percentile90);
        Assert.Equal([d, e], figures.Waiting.Select(w => w.Number));
        Assert.Equal([true, false], figures.Waiting.Select(w => w.Overdue));
        Assert.Equal(1, figures.Overdue);
        Assert.Equal(TimeSpan.FromDays(10), figures.Waiting[0].Waiting);
    }

    [Fact]
    public void Percentiles_interpolate_between_the_nearest_ranks()
    {
        TimeSpan[] hours = [TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(4)];
        Assert.Equal(TimeSpan.FromHours(2.5), ResponseFigures.Percentile(hours, 0.5));
        Assert.Equal(TimeSpan.FromHours(3.7), ResponseFigures.Percentile(hours, 0.9));
        Assert.Equal(TimeSpan.FromHours(1), ResponseFigures.Percentile([TimeSpan.FromHours(1)], 0.9));
        Assert.Null(ResponseFigures.Percentile([], 0.5));
    }

    [Fact]
    public async Task Staff_see_the_queue_and_admins_set_the_target()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var admin = await app.SignUpAsync("Anna");
        await app.GrantAsync(admin, org, OrgRole.Admin);
        await sofie.SubmitIdeaAsync(org, "Waiting for an answer");

        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        await staff.GetAsync($"/{org}/admin/answering");
        Assert.Contains("Waiting for an answer", staff.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=target", staff.Html, StringComparison.Ordinal);

        var member = app.Browse();
        await member.SignInAsync(sofie.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/{org}/admin/answering")).StatusCode);

        var browser = app.Browse();
        await browser.SignInAsync(admin.Email);
        await browser.GetAsync($"/{org}/admin/answering");
        var refused = await browser.PostFormAsync($"/{org}/admin/answering?handler=target", ("TargetDays", "0"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose a whole number of days from 1 to 90.", browser.Html, StringComparison.Ordinal);
        var saved = await browser.PostFormAsync($"/{org}/admin/answering?handler=target", ("TargetDays", "14"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await browser.GetAsync($"/{org}/admin/answering");
        Assert.Contains("Waiting longer than 14 days", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_are_reminded_of_overdue_ideas_once_a_day_and_the_next_reminder_is_queued()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var lars = await app.StaffOfAsync(org);
        var late = await sofie.SubmitIdeaAsync(org, "Waiting far too long");
        await sofie.SubmitIdeaAsync(org, "Just arrived");
        await app.InOrgAsync(org, db => db.Ideas.Where(i => i.Number == late)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, app.Now.AddDays(-10))));

        for (var run = 0; run < 2; run++)
        {
            await app.InOrgAsync(org, async db =>
            {
                db.Jobs.RemoveRange(db.Jobs.Where(j => j.Kind == ReminderJob.Kind && j.CompletedAt == null));
                db.Enqueue(ReminderJob.Kind, new ReminderJob.Payload(), app.Now);
                return await db.SaveChangesAsync();
            });
            await app.RunJobsAsync();
        }

        var errors = await app.InOrgAsync(org, db => db.Jobs.AsNoTracking().Where(j => j.LastError != null).Select(j => j.Kind + ": " + j.LastError).ToListAsync());
        Assert.Empty(errors);
        var email = Assert.Single(await app.InOrgAsync(org, db => db.OutboxEmails.AsNoTracking().Where(e => e.EventKey.StartsWith("reminder:")).ToListAsync()));
        Assert.Equal(lars.Email, email.ToAddress);
        Assert.Equal(EmailState.InMailbox, email.State);
        Assert.Contains("Waiting far too long", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Just arrived", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/{org}/admin/answering", email.TextBody, StringComparison.Ordinal);
        var next = await app.InOrgAsync(org, db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == ReminderJob.Kind && j.CompletedAt == null));
        Assert.Equal(ReminderJob.Hour, next.DueAt!.Value.Hour);
        Assert.True(next.DueAt > app.Now);
    }
}
