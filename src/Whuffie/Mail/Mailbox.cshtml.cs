using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Deliveries.Channels;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Mail;

/// <summary>
/// The organization's email as its staff can check it: what went out on its behalf and in
/// what state. Without an SMTP server (Mail:Host) this is the dev mailbox: the email lands here
/// instead, readable in full, so a new installation shows its email without any setup.
/// </summary>
public sealed class MailboxModel(WhuffieDb db, IServiceProvider services) : OrgPage(db)
{
    private const int Shown = 50;

    public List<OutboxEmail> Emails { get; private set; } = [];

    /// <summary>Notice emails and subscription confirmations, only without a mail server: else they went to the subscribers.</summary>
    public List<Email> NoticeEmails { get; private set; } = [];
    public bool SmtpConfigured => services.GetService<SmtpSender>() is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        Emails = await Db.OutboxEmails.AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(Shown).ToListAsync(ct);
        if (!SmtpConfigured)
        {
            // Composed again from the rows, by the channel's own code: nothing is stored twice.
            var ids = await Db.Deliveries.Where(d => d.Channel == Channel.Email && d.State == DeliveryState.Sent)
                .OrderByDescending(d => d.Id).Select(d => d.Id).Take(Shown).ToListAsync(ct);
            var site = services.GetRequiredService<IConfiguration>().SiteUrl();
            NoticeEmails = (await DeliveryWorkers.LoadAsync(Db, ids, ct)).OrderByDescending(w => w.Delivery.Id).Select(w => AsShown(w, site)).ToList();
        }
        return Page();
    }

    /// <summary>
    /// A confirmation's link is its subscriber's alone: whoever opens it confirms an address that is
    /// not theirs. Staff see that it was written, never the link.
    /// </summary>
    private static Email AsShown(DeliveryWork work, string site)
    {
        var email = EmailChannel.Compose(work, site);
        return work.Delivery.Kind == DeliveryKind.Notice ? email : email with { TextBody = Text.T("Mailbox.LinkHidden", email.To.Address) };
    }
}
