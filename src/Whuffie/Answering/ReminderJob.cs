using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Mail;
using Whuffie.Notifications;
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
        var unsubscribe = $"{site}/unsubscribe?token={Uri.EscapeDataString(UnsubscribeTokens.For(protection, to.Id))}";
        var lead = T("Reminder.Lead", overdue.Count, org.Name, org.ResponseTargetDays);
        var lines = overdue.Select(w => (Text: $"#{w.Number} {w.Title} ({T("Answering.WaitingFor", AnsweringPageModel.Duration(w.Waiting))})", Url: site + w.Url)).ToList();

        var text = new StringBuilder().Append(T("Mail.Greeting", to.DisplayName)).Append("\n\n").Append(lead).Append("\n\n");
        foreach (var line in lines) text.Append("- ").Append(line.Text).Append('\n').Append("  ").Append(line.Url).Append('\n');
        text.Append('\n').Append(T("Reminder.Queue")).Append(": ").Append(queue).Append("\n\n-- \n").Append(T("Mail.Stop")).Append(": ").Append(unsubscribe).Append('\n');

        var html = new StringBuilder().Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><body><p>")
            .Append(E(T("Mail.Greeting", to.DisplayName))).Append("</p><p>").Append(E(lead)).Append("</p><ul>");
        foreach (var line in lines) html.Append("<li><a href=\"").Append(E(line.Url)).Append("\">").Append(E(line.Text)).Append("</a></li>");
        html.Append("</ul><p><a href=\"").Append(E(queue)).Append("\">").Append(E(T("Reminder.Queue"))).Append("</a></p><hr><p><small><a href=\"")
            .Append(E(unsubscribe)).Append("\">").Append(E(T("Mail.Stop"))).Append("</a></small></p></body></html>");

        return OutboxEmail.Write(org.Id, org.Slug, to.Id, to.Email!, to.DisplayName, key, language, T("Reminder.Subject", overdue.Count, org.Name),
            text.ToString(), html.ToString(), site, unsubscribe, now);
    }

    private static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
}
