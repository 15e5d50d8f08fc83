using Whuffie.Data;
using Whuffie.Deliveries;

namespace Whuffie.Notices;

/// <summary>
/// Someone who wants notices on one channel, with or without an account: an email address (after
/// double opt-in), a phone number (after a code), or a browser's push subscription. Topics empty
/// means all of them. <see cref="Token"/> is the one-click way out every message carries.
/// </summary>
public sealed class NoticeSubscription : ITenantOwned
{
    public const int AddressMaxLength = 1000;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Channel Channel { get; set; }

    /// <summary>The email address, the phone number (E.164), or the push endpoint.</summary>
    public string Address { get; set; } = "";

    /// <summary>Push only: the browser's P-256 key and auth secret (RFC 8291), base64url.</summary>
    public string? P256dh { get; set; }
    public string? Auth { get; set; }

    public string Language { get; set; } = "en";
    public bool AllTopics { get; set; }
    public int? UserId { get; set; }
    public string Token { get; set; } = "";

    /// <summary>SMS only: the SHA-256 of the code sent, and how many wrong codes were tried.</summary>
    public string? CodeHash { get; set; }
    public int CodeAttempts { get; set; }

    /// <summary>
    /// Confirmation messages (a link by email, a code by SMS) sent since <see cref="ConfirmationsSince"/>:
    /// each subscribe request for an address not yet proved sends one, so without a count anyone
    /// knowing an address could fill its inbox from as many network addresses as they have.
    /// </summary>
    public int ConfirmationsSent { get; set; }
    public DateTime? ConfirmationsSince { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }

    public List<SubscriptionTopic> Topics { get; set; } = [];
}

public sealed class SubscriptionTopic : ITenantOwned
{
    public long SubscriptionId { get; set; }
    public int TopicId { get; set; }
    public int OrganizationId { get; set; }
}
