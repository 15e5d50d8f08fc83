using Microsoft.EntityFrameworkCore;
using Whuffie.Deliveries;
using Whuffie.Notices;

namespace Whuffie.Data;

/// <summary>The notices' tables: notices and their updates, topics, subscriptions, channel settings, webhooks and the delivery rows (each mapped beside its entity).</summary>
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

    /// <summary>The messages someone asked for by subscribing (confirmations and manage links): the condition of their index, and of the query that counts them.</summary>
    internal const string AskedFilter = "\"Kind\" IN ('Confirm', 'Manage')";
}
