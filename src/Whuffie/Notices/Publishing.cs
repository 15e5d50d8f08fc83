using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Deliveries;

namespace Whuffie.Notices;

/// <summary>
/// Publishing a notice, or an update to it: the update and one delivery row per recipient and
/// channel are written in one transaction, so after the commit nothing can be lost, and before
/// it nothing was sent. Subscribers' rows are copied in one INSERT … SELECT inside the database,
/// which keeps a fan-out to 100,000 people to one statement instead of 100,000 round trips.
/// </summary>
public static class Publishing
{
    /// <summary>
    /// Saves what the caller added (a new notice, or an update to one) together with every delivery
    /// of the update, in one transaction, then wakes this instance's channel loops: once the
    /// answer goes out, every message is durably queued.
    /// </summary>
    public static async Task SaveAndFanOutAsync(WhuffieDb db, DeliverySignal signal, Notice notice, NoticeUpdate update, DateTime now, CancellationToken ct)
    {
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await FanOutAsync(db, notice, update, now, ct);
            await tx.CommitAsync(ct);
        }
        // Every loop: one with nothing to do looks once and sleeps again, cheaper than asking which got rows.
        signal.WakeAll();
    }

    /// <summary>
    /// Runs a publish's queries once, for no organization, in a transaction that is rolled back:
    /// EF Core translates each query on its first use and .NET compiles the code, which made the
    /// first publish after a start nearly twice as slow as the next (docs/benchmarks.md, "Figures
    /// behind choices in the code") — and the first notice may be the one that matters. Nothing is written.
    /// </summary>
    public static async Task WarmUpAsync(WhuffieDb db, IConfiguration config, DateTime now, CancellationToken ct)
    {
        db.Tenant.Enter(new Organizations.Organization { Id = 0, Slug = "warm-up", Name = "" });
        await using var tx = await db.BeginWriteAsync(ct);
        await db.NoticeTopics.Where(t => new List<string>().Contains(t.Slug)).ToListAsync(ct); // as PublishAsync checks topics
        await FanOutAsync(db, new Notice(), new NoticeUpdate(), now, ct);
        await NoticesApi.DtosAsync(db, config, [0], ct);
        _ = Web.Markdown.ToHtml("**warm-up**");
    }

    private static async Task FanOutAsync(WhuffieDb db, Notice notice, NoticeUpdate update, DateTime now, CancellationToken ct)
    {
        var org = db.Tenant.Current.Id;
        string kind = nameof(DeliveryKind.Notice), pending = nameof(DeliveryState.Pending);
        // The planner's estimate for this statement passes PostgreSQL's JIT threshold, and compiling
        // it took longer than the plain plan saves on 200,000 rows (docs/benchmarks.md).
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        // The rows are written fresh, without a DueAt, and claimed through a cursor over their ids
        // (FanOut). Every id this statement draws is above the id generator's position before it
        // and at most the largest id after it, seen from inside. Not the largest id before it: once
        // the daily prune has deleted the newest rows, that lies far below the generator, and the
        // claims would walk the whole gap window by window.
        var first = await IdsDrawnAsync(db, ct) + 1;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Deliveries" ("OrganizationId", "Channel", "Kind", "NoticeUpdateId", "SubscriptionId", "State", "Attempts", "DueAt", "CreatedAt")
            SELECT s."OrganizationId", s."Channel", {kind}, {update.Id}, s."Id", {pending}, 0, NULL, {now}
            FROM "NoticeSubscriptions" s
            WHERE s."OrganizationId" = {org} AND s."ConfirmedAt" IS NOT NULL
              AND (s."AllTopics" OR EXISTS (SELECT 1 FROM "SubscriptionTopics" st JOIN "NoticeTopicLinks" l ON l."TopicId" = st."TopicId"
                                            WHERE st."SubscriptionId" = s."Id" AND l."NoticeId" = {notice.Id}))
            """, ct);
        var last = await LastDeliveryIdAsync(db, ct);
        // A cursor for each channel someone is subscribed on: three lookups in an index, where asking
        // the fresh rows which channels they hold would read them all again.
        foreach (var channel in FanOut.Channels)
        {
            if (last >= first && await db.NoticeSubscriptions.AnyAsync(s => s.Channel == channel && s.ConfirmedAt != null, ct))
                db.FanOuts.Add(new FanOut { NoticeUpdateId = update.Id, Channel = channel, NextId = first, LastId = last });
        }

        var settings = await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings is { MastodonUrl: not null, MastodonToken: not null }) db.Deliveries.Add(New(Channel.Mastodon, update.Id, now));
        if (!string.IsNullOrEmpty(settings?.WebSubHub)) db.Deliveries.Add(New(Channel.WebSub, update.Id, now));
        // The same type the webhook channel will send (WebhookChannel.NoticeBody), for the webhooks' choice of events.
        var type = Webhook.NoticeType(update.Resolves, !await db.NoticeUpdates.AnyAsync(u => u.NoticeId == notice.Id && u.Id < update.Id, ct));
        foreach (var hook in await db.Webhooks.AsNoTracking().Select(h => new { h.Id, h.Events }).ToListAsync(ct))
        {
            if (!Webhook.Wants(hook.Events, type)) continue;
            var delivery = New(Channel.Webhook, update.Id, now);
            delivery.WebhookId = hook.Id;
            db.Deliveries.Add(delivery);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Where the delivery ids stand: PostgreSQL's identity sequence (drawing one, never used: the
    /// sequence is shared by concurrent writers), SQLite's AUTOINCREMENT record (this transaction
    /// holds the one write lock, so nobody draws in between).
    /// </summary>
    private static async Task<long> IdsDrawnAsync(WhuffieDb db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? (await db.Database.SqlQuery<long>($"""SELECT nextval(pg_get_serial_sequence('"Deliveries"', 'Id')) AS "Value" """).ToListAsync(ct)).Single()
            : (await db.Database.SqlQuery<long>($"""SELECT COALESCE(MAX("seq"), 0) AS "Value" FROM "sqlite_sequence" WHERE "name" = 'Deliveries' """).ToListAsync(ct)).Single();

    private static async Task<long> LastDeliveryIdAsync(WhuffieDb db, CancellationToken ct) =>
        await db.Deliveries.IgnoreQueryFilters().MaxAsync(d => (long?)d.Id, ct) ?? 0;

    private static Delivery New(Channel channel, long updateId, DateTime now)
    {
        var delivery = Delivery.Waiting(channel, DeliveryKind.Notice, now);
        delivery.NoticeUpdateId = updateId;
        return delivery;
    }
}
