using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Notices;

public enum NoticeSeverity { Info, Warning, Critical }

/// <summary>
/// Something everyone concerned must know at once (seed 001: a power cut, a closed branch).
/// What people receive is its updates: the first is the notice itself, later ones say what
/// changed, the last may resolve it. Each update travels to every channel the same way.
/// </summary>
public sealed class Notice : ITenantOwned
{
    public const int TitleMaxLength = 140;
    public const int BodyMaxLength = 5000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public string Title { get; set; } = "";
    public NoticeSeverity Severity { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? ExpectedEndAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int AuthorId { get; set; }

    public List<NoticeUpdate> Updates { get; set; } = [];
    public List<NoticeTopicLink> Topics { get; set; } = [];

    public bool IsActive(DateTime now) => ResolvedAt is null && StartsAt <= now.AddDays(1);

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<Notice>
    {
        public void Configure(EntityTypeBuilder<Notice> e)
        {
            e.Property(n => n.Title).HasMaxLength(TitleMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(n => n.Updates).WithOne().HasForeignKey(u => u.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(n => n.Topics).WithOne().HasForeignKey(t => t.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.OrganizationId, n.ResolvedAt });
        }
    }
}

/// <summary>One message of a notice: the first publication, an update, or the resolution.</summary>
public sealed class NoticeUpdate : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int NoticeId { get; set; }
    public string Body { get; set; } = "";
    public bool Resolves { get; set; }
    public DateTime CreatedAt { get; set; }
    public int AuthorId { get; set; }

    /// <summary>Its post on the organization's Mastodon account, which the next update replies to.</summary>
    public string? MastodonStatusId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<NoticeUpdate>
    {
        public void Configure(EntityTypeBuilder<NoticeUpdate> e)
        {
            e.Property(u => u.Body).HasMaxLength(Notice.BodyMaxLength);
            e.Property(u => u.MastodonStatusId).HasMaxLength(100);
            e.HasOne<User>().WithMany().HasForeignKey(u => u.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>An area or topic of the organization's own list ("Søborg", "water"), that notices concern and people subscribe to.</summary>
public sealed class NoticeTopic : ITenantOwned
{
    public const int SlugMaxLength = 60;
    public const int NameMaxLength = 60;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<NoticeTopic>
    {
        public void Configure(EntityTypeBuilder<NoticeTopic> e)
        {
            e.Property(t => t.Slug).HasMaxLength(SlugMaxLength);
            e.Property(t => t.Name).HasMaxLength(NameMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.OrganizationId, t.Slug }).IsUnique();
        }
    }
}

public sealed class NoticeTopicLink : ITenantOwned
{
    public int NoticeId { get; set; }
    public int TopicId { get; set; }
    public int OrganizationId { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<NoticeTopicLink>
    {
        public void Configure(EntityTypeBuilder<NoticeTopicLink> e)
        {
            e.HasKey(l => new { l.NoticeId, l.TopicId });
            e.HasOne<NoticeTopic>().WithMany().HasForeignKey(l => l.TopicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => l.TopicId);
        }
    }
}
