using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Mail;
using Whuffie.Web;

namespace Whuffie.Following;

/// <summary>
/// Tells an idea's followers about one event: a notification for the bell and, for those who
/// want email, an email in the outbox with its own send job, all in one transaction. Added in
/// the same transaction as the event itself (<see cref="Enqueue"/>), so no event goes untold;
/// a second run after a crash skips the people already told (one row per event and person).
/// </summary>
public sealed class NotifyJob(WhuffieDb db, IDataProtectionProvider protection, IConfiguration config, TimeProvider clock) : IJobHandler
{
    public const string Kind = "notify";

    /// <summary><paramref name="EventId"/>: the status change's or the comment's id.</summary>
    public sealed record Payload(int OrganizationId, NotificationKind Kind, int IdeaId, int EventId);

    public static void Enqueue(WhuffieDb db, NotificationKind kind, int ideaId, int eventId, DateTime now) =>
        db.Enqueue(Kind, new Payload(db.Tenant.Current.Id, kind, ideaId, eventId), now);

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var payload = job.ReadPayload<Payload>();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == payload.OrganizationId, ct);
        if (org is null) return; // deleted since: nobody is left to tell
        db.Tenant.Enter(org);

        var idea = await db.Ideas.AsNoTracking().Where(i => i.Id == payload.IdeaId)
            .Select(i => new NewsIdea(i.Id, i.Number, i.Title, i.AuthorId)).FirstOrDefaultAsync(ct);
        var news = await EventAsync(payload, ct);
        if (idea is null || news is null) return;

        // A comment reaches everyone only when staff wrote it; other comments reach those who asked for all.
        var everyone = news.Kind == NotificationKind.Status || news.ByStaff;
        var recipients = await db.Follows.Where(f => f.IdeaId == idea.Id && f.UserId != news.ActorId && (everyone || f.EveryComment))
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => new { Recipient = new Recipient(u.Id, u.Email, u.DisplayName, u.EmailNotifications, u.Language), u.EmailDigest })
            .ToListAsync(ct);
        var digest = recipients.Where(r => r.EmailDigest && r.Recipient.EmailNotifications).Select(r => r.Recipient.Id).ToHashSet();
        var told = await db.Notifications.Where(n => n.EventKey == news.Key).Select(n => n.UserId).ToListAsync(ct);
        recipients.RemoveAll(r => told.Contains(r.Recipient.Id));
        if (recipients.Count == 0) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var siteUrl = config.SiteUrl();
        var launched = news.Status == IdeaStatus.Launched;
        var coContributors = launched ? await db.CoContributors.Where(c => c.IdeaId == idea.Id).Select(c => c.UserId).ToListAsync(ct) : [];
        var excerpt = news.Text.Length > Notification.ExcerptMaxLength ? news.Text[..(Notification.ExcerptMaxLength - 1)] + "…" : news.Text;
        var emails = new List<OutboxEmail>();
        await using var tx = await db.BeginWriteAsync(ct);
        foreach (var to in recipients.Select(r => r.Recipient))
        {
            db.Notifications.Add(new Notification
            {
                UserId = to.Id,
                IdeaId = idea.Id,
                Kind = news.Kind,
                EventKey = news.Key,
                ActorName = news.ActorName,
                Status = news.Status,
                Excerpt = excerpt,
                Credited = launched && (idea.AuthorId == to.Id || coContributors.Contains(to.Id)),
                CreatedAt = now,
                DigestedAt = digest.Contains(to.Id) ? null : now,
            });
            if (to.EmailNotifications && !digest.Contains(to.Id) && !string.IsNullOrEmpty(to.Email))
                emails.Add(FollowerMail.Compose(org, idea, news, to, coContributors.Contains(to.Id), siteUrl, UnsubscribeTokens.Url(protection, siteUrl, to.Id), now));
        }
        db.OutboxEmails.AddRange(emails);
        await db.SaveChangesAsync(ct);
        foreach (var email in emails) db.Enqueue(SendEmailJob.Kind, new SendEmailJob.Payload(email.Id), now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private Task<NewsEvent?> EventAsync(Payload payload, CancellationToken ct) => payload.Kind switch
    {
        NotificationKind.Status => db.StatusChanges.AsNoTracking().Where(s => s.Id == payload.EventId)
            .Select(s => new NewsEvent(NotificationKind.Status, "status:" + s.Id, s.ActorId, s.Actor!.DisplayName, s.To, s.Answer, true))
            .FirstOrDefaultAsync(ct),
        _ => db.Comments.AsNoTracking().Where(c => c.Id == payload.EventId)
            .Select(c => new NewsEvent(NotificationKind.Comment, "comment:" + c.Id, c.AuthorId, c.Author!.DisplayName, null, c.Body, c.IsStaff))
            .FirstOrDefaultAsync(ct),
    };
}
