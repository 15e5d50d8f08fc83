using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Deliveries;
using Whuffie.Notices;
using Whuffie.Organizations;

namespace Whuffie.Data;

/// <summary>The notices' tables: notices and their updates, topics, subscriptions, channel settings, webhooks and the delivery rows.</summary>
public sealed partial class WhuffieDb
{
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeUpdate> NoticeUpdates => Set<NoticeUpdate>();
    public DbSet<NoticeTopic> NoticeTopics => Set<NoticeTopic>();
    public DbSet<NoticeTopicLink> NoticeTopicLinks => Set<NoticeTopicLink>();
    public DbSet<NoticeSubscription> NoticeSubscriptions => Set<NoticeSubscription>();
    public DbSet<SubscriptionTopic> SubscriptionTopics => Set<SubscriptionTopic>();
    public DbSet<ChannelSettings> ChannelSettings => Set<ChannelSettings>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<FanOut> FanOuts => Set<FanOut>();
    public DbSet<DeliveryTotal> DeliveryTotals => Set<DeliveryTotal>();

    /// <summary>The queue index's condition, the same text for SQLite and PostgreSQL (and the migration).</summary>
    internal const string QueuedFilter = "\"DueAt\" IS NOT NULL";

    private void ConfigureNotices(ModelBuilder b)
    {
        b.Entity<Notice>(e =>
        {
            e.Property(n => n.Title).HasMaxLength(Notice.TitleMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(n => n.Updates).WithOne().HasForeignKey(u => u.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(n => n.Topics).WithOne().HasForeignKey(t => t.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.OrganizationId, n.ResolvedAt });
            e.HasQueryFilter(TenantFilter, n => n.OrganizationId == TenantId);
        });
        b.Entity<NoticeUpdate>(e =>
        {
            e.Property(u => u.Body).HasMaxLength(Notice.BodyMaxLength);
            e.Property(u => u.MastodonStatusId).HasMaxLength(100);
            e.HasOne<User>().WithMany().HasForeignKey(u => u.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(TenantFilter, u => u.OrganizationId == TenantId);
        });
        b.Entity<NoticeTopic>(e =>
        {
            e.Property(t => t.Slug).HasMaxLength(NoticeTopic.SlugMaxLength);
            e.Property(t => t.Name).HasMaxLength(NoticeTopic.NameMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.OrganizationId, t.Slug }).IsUnique();
            e.HasQueryFilter(TenantFilter, t => t.OrganizationId == TenantId);
        });
        b.Entity<NoticeTopicLink>(e =>
        {
            e.HasKey(l => new { l.NoticeId, l.TopicId });
            e.HasOne<NoticeTopic>().WithMany().HasForeignKey(l => l.TopicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => l.TopicId);
            e.HasQueryFilter(TenantFilter, l => l.OrganizationId == TenantId);
        });
        b.Entity<NoticeSubscription>(e =>
        {
            e.Property(s => s.Address).HasMaxLength(NoticeSubscription.AddressMaxLength);
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
            e.HasQueryFilter(TenantFilter, s => s.OrganizationId == TenantId);
        });
        b.Entity<SubscriptionTopic>(e =>
        {
            e.HasKey(t => new { t.SubscriptionId, t.TopicId });
            e.HasOne<NoticeTopic>().WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => t.TopicId);
            e.HasQueryFilter(TenantFilter, t => t.OrganizationId == TenantId);
        });
        b.Entity<ChannelSettings>(e =>
        {
            e.HasKey(s => s.OrganizationId);
            e.Property(s => s.OrganizationId).ValueGeneratedNever();
            foreach (var url in new[] { nameof(Whuffie.Notices.ChannelSettings.MastodonUrl), nameof(Whuffie.Notices.ChannelSettings.SmsUrl), nameof(Whuffie.Notices.ChannelSettings.WebSubHub) })
                e.Property(url).HasMaxLength(Whuffie.Notices.ChannelSettings.UrlMaxLength);
            e.Property(s => s.SmsBodyTemplate).HasMaxLength(2000);
            e.Property(s => s.VapidPublicKey).HasMaxLength(200);
            e.HasOne<Organization>().WithOne().HasForeignKey<ChannelSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(TenantFilter, s => s.OrganizationId == TenantId);
        });
        b.Entity<Webhook>(e =>
        {
            e.Property(h => h.Url).HasMaxLength(Whuffie.Notices.ChannelSettings.UrlMaxLength);
            e.Property(h => h.Events).HasMaxLength(Webhook.EventsMaxLength);
            e.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => h.OrganizationId);
            e.HasQueryFilter(TenantFilter, h => h.OrganizationId == TenantId);
        });
        b.Entity<Delivery>(e =>
        {
            e.Property(d => d.LeasedBy).HasMaxLength(200);
            e.Property(d => d.Response).HasMaxLength(Delivery.ResponseMaxLength);
            e.Ignore(d => d.MessageId);
            // No foreign keys at all, on purpose: the rows are written by the fan-out from rows it has
            // just read, and each key cost a check per row: on PostgreSQL the organization's and the
            // update's checks were 2.3 s of a 3.5 s fan-out to 200,000 (bench/notices.py). Nothing
            // deletes organizations, notices or updates; whatever starts to must delete their
            // deliveries itself. A recipient removed since is found missing at send time and the
            // row becomes Gone; what was sent stays in the figures.
            // Each channel's worker claims by (Channel, DueAt): its own queue, read off one index
            // that holds only what is waiting (sent and failed rows have no DueAt and leave it, and
            // a fan-out's fresh rows enter it only when claimed: FanOut).
            e.HasIndex(d => new { d.Channel, d.DueAt }).HasFilter(QueuedFilter);
            if (Database.IsNpgsql())
            {
                // The fan-out writes 200,000 rows in the publishing transaction, and every index
                // entry counts (bench/notices.py): the enum names compare bytewise instead of by
                // the locale's rules, and the delivery report reads an update's rows through a
                // BRIN index (an update's rows lie together, being written by one statement),
                // nearly free to keep up, where a B-tree cost as much as the queue's.
                foreach (var name in new[] { nameof(Delivery.Channel), nameof(Delivery.State), nameof(Delivery.Kind) })
                    e.Property(name).UseCollation("C");
                e.HasIndex(d => d.NoticeUpdateId).HasMethod("brin");
            }
            else
                e.HasIndex(d => new { d.NoticeUpdateId, d.Channel, d.State }); // covers the report's counts
            e.HasQueryFilter(TenantFilter, d => d.OrganizationId == TenantId);
        });
        // No tenant filter: only the workers read it, for every organization at once.
        b.Entity<FanOut>(e =>
        {
            e.HasKey(f => new { f.NoticeUpdateId, f.Channel });
            if (Database.IsNpgsql()) e.Property(f => f.Channel).UseCollation("C");
        });
        b.Entity<DeliveryTotal>(e =>
        {
            e.HasKey(t => new { t.NoticeUpdateId, t.Channel, t.State });
            e.HasQueryFilter(TenantFilter, t => t.OrganizationId == TenantId);
        });
    }
}
