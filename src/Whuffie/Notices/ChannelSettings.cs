using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Notices;

/// <summary>
/// An organization's accounts on the outside channels. Secrets (tokens, auth headers, the VAPID
/// private key) are stored encrypted with ASP.NET Core Data Protection (<see cref="Secrets"/>) and
/// are never shown back in full.
/// </summary>
public sealed class ChannelSettings : ITenantOwned
{
    public const int UrlMaxLength = 500;

    public int OrganizationId { get; set; }

    public string? MastodonUrl { get; set; }
    public string? MastodonToken { get; set; }

    /// <summary>The SMS gateway: where to POST, one "Name: value" header (protected), and the body with {to} and {text}.</summary>
    public string? SmsUrl { get; set; }
    public string? SmsAuthHeader { get; set; }
    public string? SmsBodyTemplate { get; set; }

    public string? WebSubHub { get; set; }

    public string? VapidPublicKey { get; set; }
    public string? VapidPrivateKey { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<ChannelSettings>
    {
        public void Configure(EntityTypeBuilder<ChannelSettings> e)
        {
            e.HasKey(s => s.OrganizationId);
            e.Property(s => s.OrganizationId).ValueGeneratedNever();
            foreach (var url in new[] { nameof(MastodonUrl), nameof(SmsUrl), nameof(WebSubHub) })
                e.Property(url).HasMaxLength(UrlMaxLength);
            e.Property(s => s.SmsBodyTemplate).HasMaxLength(2000);
            e.Property(s => s.VapidPublicKey).HasMaxLength(200);
            e.HasOne<Organization>().WithOne().HasForeignKey<ChannelSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A receiver of Standard Webhooks: notices and idea events, signed with its own secret.</summary>
public sealed class Webhook : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public string Url { get; set; } = "";

    /// <summary>"whsec_" + base64 of the key, protected at rest.</summary>
    public string Secret { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The event types it wants, space-separated; null for all of them, including types added later.</summary>
    public string? Events { get; set; }

    public const int EventsMaxLength = 200;

    public static readonly IReadOnlyList<string> EventTypes =
        [NoticePublished, NoticeUpdated, NoticeResolved, IdeaEvents.Created, IdeaEvents.StatusChanged, IdeaEvents.Launched];

    public const string NoticePublished = "notice.published";
    public const string NoticeUpdated = "notice.updated";
    public const string NoticeResolved = "notice.resolved";

    /// <summary>A notice update's event type: its first update publishes it, a resolving one resolves it.</summary>
    public static string NoticeType(bool resolves, bool first) => resolves ? NoticeResolved : first ? NoticePublished : NoticeUpdated;

    public static bool Wants(string? events, string type) => events is null || events.Split(' ').Contains(type, StringComparer.Ordinal);

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Webhook>
    {
        public void Configure(EntityTypeBuilder<Webhook> e)
        {
            e.Property(h => h.Url).HasMaxLength(ChannelSettings.UrlMaxLength);
            e.Property(h => h.Events).HasMaxLength(EventsMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => h.OrganizationId);
        }
    }
}
