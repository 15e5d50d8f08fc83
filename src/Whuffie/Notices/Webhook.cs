using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Notices;

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
