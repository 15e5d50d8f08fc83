using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Data;

namespace Whuffie.Deliveries;

/// <summary>The ways a notice travels. Web and the Atom feed are read, not sent; WebSub pings the hub that feed readers follow.</summary>
public enum Channel { Email, Push, Sms, Mastodon, Webhook, WebSub }

public enum DeliveryState
{
    /// <summary>Waiting for its channel's worker, or for a retry.</summary>
    Pending,

    /// <summary>The receiver took it; <see cref="Delivery.Response"/> says what it answered.</summary>
    Sent,

    /// <summary>Refused for good, or the retries ran out: shown to staff, who may retry by hand.</summary>
    Failed,

    /// <summary>The recipient is gone: the push service said so (404/410, and the subscription was removed), or it was unsubscribed or removed before its turn.</summary>
    Gone,
}

public enum DeliveryKind
{
    /// <summary>A notice update.</summary>
    Notice,

    /// <summary>The double opt-in: a confirmation link by email, a code by SMS.</summary>
    Confirm,

    /// <summary>
    /// To an address already confirmed that someone asked to subscribe again: a link to change or
    /// stop its notices, in place of changing them unasked (the asker may not hold the address).
    /// </summary>
    Manage,

    /// <summary>An idea event for webhooks (created, status changed, launched).</summary>
    IdeaEvent,
}

/// <summary>
/// One message to one recipient on one channel: written in the same transaction as what causes
/// it, claimed by its channel's worker with a lease (<see cref="DeliveryQueue"/>). The row's id is
/// the message id every payload carries, so a receiver can drop a repeat after a crash.
/// </summary>
public sealed class Delivery : ITenantOwned
{
    public const int ResponseMaxLength = 1000;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Channel Channel { get; set; }
    public DeliveryKind Kind { get; set; }
    public long? NoticeUpdateId { get; set; }
    public long? SubscriptionId { get; set; }
    public int? WebhookId { get; set; }

    /// <summary>Idea events: the webhook body, as JSON. SMS confirmations: the code, protected.</summary>
    public string? Payload { get; set; }

    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTime? DueAt { get; set; }
    public string? LeasedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>The receiver's answer (status and the start of its body), or why it could not be reached.</summary>
    public string? Response { get; set; }

    public string MessageId => MessageIdOf(Id);

    /// <summary>A new row, due now, in its channel's queue: what every writer of deliveries starts from except the fan-out (<see cref="FanOut"/>).</summary>
    public static Delivery Waiting(Channel channel, DeliveryKind kind, DateTime now) =>
        new() { Channel = channel, Kind = kind, State = DeliveryState.Pending, DueAt = now, CreatedAt = now };

    public static string MessageIdOf(long id) => $"msg_{id}";

    /// <summary>Its columns and indexes differ on PostgreSQL, so WhuffieDb applies it with the provider (not from the assembly scan, which needs a constructor without arguments).</summary>
    internal sealed class Mapping(bool npgsql) : IEntityTypeConfiguration<Delivery>
    {
        public void Configure(EntityTypeBuilder<Delivery> e)
        {
            e.Property(d => d.LeasedBy).HasMaxLength(200);
            e.Property(d => d.Response).HasMaxLength(ResponseMaxLength);
            e.Ignore(d => d.MessageId);
            // No foreign keys at all, on purpose: the rows are written by the fan-out from rows it has
            // just read, and each key cost a check per row: on PostgreSQL the organization's and the
            // update's checks were two thirds of a fan-out's time (docs/benchmarks.md). Nothing
            // deletes organizations, notices or updates; whatever starts to must delete their
            // deliveries itself. A recipient removed since is found missing at send time and the
            // row becomes Gone; what was sent stays in the figures.
            // Each channel's worker claims by (Channel, DueAt): its own queue, read off one index
            // that holds only what is waiting (sent and failed rows have no DueAt and leave it, and
            // a fan-out's fresh rows enter it only when claimed: FanOut).
            e.HasIndex(d => new { d.Channel, d.DueAt }).HasFilter(WhuffieDb.QueuedFilter);
            // An organization's confirmation texts of the last day are counted at every SMS
            // subscription (SmsRules): an index over those rows only, which a fan-out's notice rows
            // never enter, so it costs publishing nothing.
            e.HasIndex(d => new { d.OrganizationId, d.Channel, d.CreatedAt }).HasFilter(WhuffieDb.AskedFilter);
            if (npgsql)
            {
                // The fan-out writes 200,000 rows in the publishing transaction, and every index
                // entry counts (bench/notices.py): the enum names compare bytewise instead of by
                // the locale's rules, and the delivery report reads an update's rows through a
                // BRIN index (an update's rows lie together, being written by one statement),
                // nearly free to keep up, where a B-tree cost as much as the queue's.
                foreach (var name in new[] { nameof(Channel), nameof(State), nameof(Kind) })
                    e.Property(name).UseCollation("C");
                e.HasIndex(d => d.NoticeUpdateId).HasMethod("brin");
            }
            else
                e.HasIndex(d => new { d.NoticeUpdateId, d.Channel, d.State }); // covers the report's counts
        }
    }
}
