using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;

namespace Whuffie.Following;

public enum NotificationKind
{
    /// <summary>The idea moved on its way, with the staff answer.</summary>
    Status,

    /// <summary>Someone commented (staff comments reach every follower).</summary>
    Comment,
}

/// <summary>
/// One thing a person is told in the app (the bell). Written by <see cref="NotifyJob"/> with
/// what it needs to show, so the list is one query; at most one per event and person
/// (<see cref="EventKey"/>), so a job that runs twice tells nobody twice.
/// </summary>
public sealed class Notification : ITenantOwned
{
    public const int EventKeyMaxLength = 60;
    public const int ExcerptMaxLength = 300;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int UserId { get; set; }
    public int IdeaId { get; set; }
    public NotificationKind Kind { get; set; }

    /// <summary>"status:12" or "comment:40": the event, the same for everyone it reaches.</summary>
    public string EventKey { get; set; } = "";

    public string ActorName { get; set; } = "";

    /// <summary>For status changes: where the idea went.</summary>
    public IdeaStatus? Status { get; set; }

    /// <summary>The answer or comment, shortened.</summary>
    public string Excerpt { get; set; } = "";

    /// <summary>For a launch: whether this person submitted the idea (and is credited for it).</summary>
    public bool Credited { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>
    /// Null while the person's daily digest still owes them this news; set once a digest carried
    /// it, or at once for people who get an email per event (or no email).
    /// </summary>
    public DateTime? DigestedAt { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Notification>
    {
        public void Configure(EntityTypeBuilder<Notification> e)
        {
            e.Property(n => n.EventKey).HasMaxLength(EventKeyMaxLength);
            e.Property(n => n.ActorName).HasMaxLength(User.DisplayNameMaxLength);
            e.Property(n => n.Excerpt).HasMaxLength(ExcerptMaxLength);
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Idea>().WithMany().HasForeignKey(n => n.IdeaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.EventKey, n.UserId }).IsUnique();
            e.HasIndex(n => new { n.UserId, n.CreatedAt });
            // The bell's count on every page a signed-in person opens: a range, not a scan of all they were ever told.
            e.HasIndex(n => new { n.UserId, n.ReadAt });
            e.HasIndex(n => n.DigestedAt);
            e.HasIndex(n => n.OrganizationId);
            e.HasIndex(n => n.IdeaId);
        }
    }
}
