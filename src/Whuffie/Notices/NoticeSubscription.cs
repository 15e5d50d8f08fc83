using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Organizations;

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

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<NoticeSubscription>
    {
        public void Configure(EntityTypeBuilder<NoticeSubscription> e)
        {
            e.Property(s => s.Address).HasMaxLength(AddressMaxLength);
            e.Property(s => s.P256dh).HasMaxLength(200);
            e.Property(s => s.Auth).HasMaxLength(100);
            e.Property(s => s.Language).HasMaxLength(10);
            e.Property(s => s.Token).HasMaxLength(64);
            e.Property(s => s.CodeHash).HasMaxLength(64);
            e.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Topics).WithOne().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.OrganizationId, s.Channel, s.Address }).IsUnique();
            e.HasIndex(s => s.Token).IsUnique();
            e.HasIndex(s => s.UserId);
        }
    }
}

public sealed class SubscriptionTopic : ITenantOwned
{
    public long SubscriptionId { get; set; }
    public int TopicId { get; set; }
    public int OrganizationId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<SubscriptionTopic>
    {
        public void Configure(EntityTypeBuilder<SubscriptionTopic> e)
        {
            e.HasKey(t => new { t.SubscriptionId, t.TopicId });
            e.HasOne<NoticeTopic>().WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => t.TopicId);
        }
    }
}
