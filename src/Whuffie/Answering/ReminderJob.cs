using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Following;
using Whuffie.Mail;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Answering;

/// <summary>
/// Once a day, tells each organization's staff by email which ideas have waited longer than
/// the organization's target for a first answer. The job puts its own next run in the queue;
/// the email's key (organization, day, person) keeps a second chain, or a rerun after a crash,
/// from mailing anyone twice the same day.
/// </summary>
public sealed class ReminderJob(WhuffieDb db, IServiceScopeFactory scopes, IDataProtectionProvider protection, IConfiguration config, TimeProvider clock) : IJobHandler
{
    public const string Kind = "answer-reminders";

    /// <summary>The hour of the day (UTC) the reminders go out: before most offices open in Europe.</summary>
    public const int Hour = 6;

    public sealed record Payload;

    public static Task ScheduleAsync(WhuffieDb db, DateTime now, long? running, CancellationToken ct) =>
        db.ScheduleDailyAsync(Kind, Hour, now, running, ct);

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct);
        foreach (var org in organizations) await RemindAsync(org, now, ct);
        await ScheduleAsync(db, now, job.Id, ct);
    }

    private async Task RemindAsync(Organization org, DateTime now, CancellationToken ct)
    {
        // One context per organization: the tenant is entered once per context.
        await using var scope = scopes.CreateAsyncScope();
        var orgDb = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        orgDb.Tenant.Enter(org);
        var overdue = (await ResponseFigures.ComputeAsync(orgDb, now, ct)).Waiting.Where(w => w.Overdue).ToList();
        if (overdue.Count == 0) return;

        var key = $"reminder:{now:yyyy-MM-dd}";
        var staff = await orgDb.Memberships.Where(m => m.Role >= OrgRole.Staff)
            .Join(orgDb.Users.Where(u => u.EmailNotifications && u.Email != null), m => m.UserId, u => u.Id,
                (m, u) => new Recipient(u.Id, u.Email, u.DisplayName, u.EmailNotifications, u.Language))
            .ToListAsync(ct);
        var told = await orgDb.OutboxEmails.Where(e => e.EventKey == key).Select(e => e.UserId).ToListAsync(ct);
        var site = config.SiteUrl();
        var emails = staff.Where(s => !told.Contains(s.Id)).Select(s => Compose(org, s, overdue, key, site, now)).ToList();
        if (emails.Count == 0) return;

        await using var tx = await orgDb.BeginWriteAsync(ct);
        orgDb.OutboxEmails.AddRange(emails);
        await orgDb.SaveChangesAsync(ct);
        foreach (var email in emails) orgDb.Enqueue(SendEmailJob.Kind, new SendEmailJob.Payload(email.Id), now);
        await orgDb.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private OutboxEmail Compose(Organization org, Recipient to, List<WaitingIdea> overdue, string key, string site, DateTime now)
    {
        var language = Languages.IsSupported(to.Language) ? to.Language! : org.DefaultLanguage;
        using var _ = Languages.Speak(language);
        var queue = $"{site}/{org.Slug}/admin/answering";
        var unsubscribe = UnsubscribeTokens.Url(protection, site, to.Id);
        var lines = overdue.Select(w => ($"#{w.Number} {w.Title} ({T("Answering.WaitingFor", AnsweringPageModel.Duration(w.Waiting))})", site + w.Url)).ToList();
        var (text, html) = ListLetter.Write(language, T("Mail.Greeting", to.DisplayName), T("Reminder.Lead", overdue.Count, org.Name, org.ResponseTargetDays),
            lines, (T("Reminder.Queue"), queue), null, T("Mail.Stop"), unsubscribe);

        return OutboxEmail.Write(org.Id, org.Slug, to.Id, to.Email!, to.DisplayName, key, language, T("Reminder.Subject", overdue.Count, org.Name),
            text, html, site, unsubscribe, now);
    }
}
