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
