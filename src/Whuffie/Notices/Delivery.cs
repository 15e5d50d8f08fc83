using Whuffie.Data;

namespace Whuffie.Notices;

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
}

/// <summary>
/// Where one notice update's fan-out stands on one channel. The fan-out's rows are written fresh
/// (Pending, no DueAt), so they stay out of the queue index: each entry there cost 0.2–0.35 s of a
/// publish to 200,000 on PostgreSQL (docs/benchmarks.md), paid before the first message could
/// leave. Workers claim fresh rows in Id order from <see cref="NextId"/> to <see cref="LastId"/>;
/// a claimed row gets its DueAt (the lease's end) and from then on lives in the queue like any
/// other. The cursor moves in the claim's transaction, so a crash loses no row and claims none twice.
/// </summary>
public sealed class FanOut
{
    /// <summary>The channels the fan-out writes rows for: those people subscribe on.</summary>
    public static readonly Channel[] Channels = [Channel.Email, Channel.Push, Channel.Sms];

    public long NoticeUpdateId { get; set; }
    public Channel Channel { get; set; }
    public long NextId { get; set; }
    public long LastId { get; set; }
}
