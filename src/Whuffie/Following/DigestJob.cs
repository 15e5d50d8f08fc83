using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Mail;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Following;

/// <summary>
/// Once a day, one email per person and organization for the people who chose a digest: what
/// happened to the ideas they follow since the last one. The news it carries is marked in the
/// same transaction as the email is written, and the email's key (organization, day, person)
/// keeps a rerun from writing a second one.
/// </summary>
public sealed class DigestJob(WhuffieDb db, IDataProtectionProvider protection, IConfiguration config, TimeProvider clock) : IJobHandler
{
    public const string Kind = "email-digests";

    /// <summary>The hour (UTC) digests go out: early morning in Europe.</summary>
    public const int Hour = 5;

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Across organizations on purpose: the job is the installation's, each email is one organization's.
        var owed = await db.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.DigestedAt == null)
            .Join(db.Users.Where(u => u.EmailDigest && u.EmailNotifications && u.Email != null), n => n.UserId, u => u.Id,
                (n, u) => new { n.Id, n.OrganizationId, n.UserId, n.IdeaId, n.Kind, n.ActorName, n.Status, n.CreatedAt, u.Email, u.DisplayName, u.Language })
            .Join(db.Ideas.IgnoreQueryFilters(), x => x.IdeaId, i => i.Id, (x, i) => new { x, i.Number, i.Title })
            .OrderBy(x => x.x.CreatedAt).ToListAsync(ct);
        var site = config.SiteUrl();
        foreach (var group in owed.GroupBy(o => (o.x.OrganizationId, o.x.UserId)))
        {
            var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == group.Key.OrganizationId, ct);
            var first = group.First().x;
            var language = Languages.IsSupported(first.Language) ? first.Language! : org.DefaultLanguage;
            string subject, text, html;
            var unsubscribe = UnsubscribeTokens.Url(protection, site, first.UserId);
            using (Languages.Speak(language))
            {
                var items = group.Select(g => (
                    Line: g.x.Kind == NotificationKind.Status
                        ? T("Digest.Status", g.x.ActorName, g.Title, g.x.Status!.Value.Label())
                        : T("Digest.Comment", g.x.ActorName, g.Title),
                    Url: site + IdeaRow.IdeaUrl(org.Slug, g.Number, g.Title))).ToList();
                subject = T("Digest.Subject", org.Name, items.Count);
                (text, html) = ListLetter.Write(language, T("Mail.Greeting", first.DisplayName), T("Digest.Lead", org.Name), items,
                    null, T("Mail.Footer", org.Name), T("Mail.Stop"), unsubscribe);
            }

            var key = $"digest:{now:yyyy-MM-dd}";
            var email = OutboxEmail.Write(org.Id, org.Slug, first.UserId, first.Email!, first.DisplayName, $"{key}:{org.Id}", language,
                subject, text, html, site, unsubscribe, now);
            var ids = group.Select(g => g.x.Id).ToList();
            await using var tx = await db.BeginWriteAsync(ct);
            if (await db.OutboxEmails.IgnoreQueryFilters().AnyAsync(e => e.EventKey == email.EventKey && e.UserId == email.UserId, ct)) continue;
            db.OutboxEmails.Add(email);
            await db.SaveChangesAsync(ct);
            db.Enqueue(SendEmailJob.Kind, new SendEmailJob.Payload(email.Id), now);
            await db.SaveChangesAsync(ct);
            await db.Notifications.IgnoreQueryFilters().Where(n => ids.Contains(n.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestedAt, now), ct);
            await tx.CommitAsync(ct);
        }
        await db.ScheduleDailyAsync(Kind, Hour, now, job.Id, ct);
    }
}
