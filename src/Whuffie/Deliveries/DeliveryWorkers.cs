using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Deliveries.Channels;
using Whuffie.Notices;
using Whuffie.Observability;

namespace Whuffie.Deliveries;

/// <summary>
/// One loop per channel, each claiming only its channel's deliveries: a hanging Mastodon or a
/// failing SMS gateway holds up its own queue and no other. Several instances may run these
/// loops on one database; the leases keep them apart.
/// </summary>
public sealed class DeliveryWorkers(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<DeliveryWorkers> log)
    : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;

    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await WarmUpAsync(stop);
        using var scope = scopes.CreateScope();
        var channels = Enum.GetValues<Channel>().Where(c => scope.ServiceProvider.GetKeyedService<IChannelSender>(c) is not null).ToList();
        await Task.WhenAll(channels.Select(c => Task.Run(() => LoopAsync(c, stop), stop)));
    }

    /// <summary>The publish path, once before the first notice needs it (<see cref="Publishing.WarmUpAsync"/>); a failure only costs that speed.</summary>
    private async Task WarmUpAsync(CancellationToken stop)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await Publishing.WarmUpAsync(scope.ServiceProvider.GetRequiredService<WhuffieDb>(), scope.ServiceProvider.GetRequiredService<IConfiguration>(), Now, stop);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            log.LogWarning(e, "Could not warm up the publish path; the first notice may take longer.");
        }
    }

    private async Task LoopAsync(Channel channel, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(channel, stop) > 0) { }
                await signal.WaitAsync(channel, _options.PollInterval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away: wait a round and go on.
                log.LogError(e, "Delivery worker for {Channel} could not reach the queue.", channel);
                try { await Task.Delay(_options.PollInterval, clock, stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims and sends one batch of the channel's due deliveries; how many it took.</summary>
    public async Task<int> RunOnceAsync(Channel channel, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredKeyedService<IChannelSender>(channel);
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        var claimedAt = Now;
        var ids = await DeliveryQueue.ClaimAsync(db, channel, Name, sender.BatchSize, claimedAt, _options.Lease, stop);
        if (ids.Count == 0) return 0;

        using var activity = Telemetry.StartBatch(channel, ids.Count);
        var started = clock.GetTimestamp();
        var work = await LoadAsync(db, ids, stop);
        Telemetry.BatchFor(activity, work.Select(w => w.Delivery.OrganizationId));
        // Stop sending while the lease is still ours, so no other worker takes a row we are sending.
        // The sender keeps what it finished and hands the rest back as retries (HttpOutcomes.EachAsync).
        using var leaseEnding = new CancellationTokenSource(Max(TimeSpan.Zero, claimedAt + _options.Lease * 0.9 - Now), clock);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop, leaseEnding.Token);
        IReadOnlyList<DeliveryOutcome> outcomes;
        try
        {
            outcomes = work.Count == 0 ? [] : await sender.SendAsync(work, cancel.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw; // the lease runs out and another worker takes the batch
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Channel {Channel} failed a batch of {Count}.", channel, work.Count);
            outcomes = work.Select(w => HttpOutcomes.FromException(w.Delivery.Id, e)).ToList();
        }
        // Rows whose recipient vanished since (unsubscribed, webhook removed) are done with.
        var missing = ids.Except(work.Select(w => w.Delivery.Id)).Select(id => new DeliveryOutcome(id, DeliveryResult.Gone, "the recipient is gone (unsubscribed or removed)"));
        List<DeliveryOutcome> all = [.. outcomes, .. missing];
        await DeliveryQueue.RecordAsync(db, Name, all, Now, _options.MaxAttempts, CancellationToken.None);
        Telemetry.BatchDone(activity, channel, all, clock.GetElapsedTime(started));
        return ids.Count;
    }

    /// <summary>The batch's rows with everything they need, in a handful of queries.</summary>
    public static async Task<List<DeliveryWork>> LoadAsync(WhuffieDb db, List<long> ids, CancellationToken ct)
    {
        var rows = await db.Deliveries.IgnoreQueryFilters().AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var orgIds = rows.Select(r => r.OrganizationId).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var subIds = rows.Where(r => r.SubscriptionId != null).Select(r => r.SubscriptionId!.Value).ToList();
        var subs = await db.NoticeSubscriptions.IgnoreQueryFilters().AsNoTracking().Where(s => subIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var updateIds = rows.Where(r => r.NoticeUpdateId != null).Select(r => r.NoticeUpdateId!.Value).Distinct().ToList();
        var updates = await db.NoticeUpdates.IgnoreQueryFilters().AsNoTracking().Where(u => updateIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var noticeIds = updates.Values.Select(u => u.NoticeId).Distinct().ToList();
        var notices = await db.Notices.IgnoreQueryFilters().AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        // An update's place in its notice: 0 is the publication, later ones are replies in the thread.
        var index = await db.NoticeUpdates.IgnoreQueryFilters().Where(u => noticeIds.Contains(u.NoticeId))
            .Select(u => new { u.Id, u.NoticeId }).ToListAsync(ct);
        var hookIds = rows.Where(r => r.WebhookId != null).Select(r => r.WebhookId!.Value).ToList();
        var hooks = await db.Webhooks.IgnoreQueryFilters().AsNoTracking().Where(h => hookIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);

        var work = new List<DeliveryWork>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            if (!orgs.TryGetValue(row.OrganizationId, out var org)) continue;
            NoticeSubscription? sub = null;
            if (row.SubscriptionId is { } s && !subs.TryGetValue(s, out sub)) continue;
            Webhook? hook = null;
            if (row.WebhookId is { } h && !hooks.TryGetValue(h, out hook)) continue;
            NoticeUpdate? update = null;
            Notice? notice = null;
            var place = 0;
            if (row.NoticeUpdateId is { } u)
            {
                if (!updates.TryGetValue(u, out update) || !notices.TryGetValue(update.NoticeId, out notice)) continue;
                place = index.Count(x => x.NoticeId == notice.Id && x.Id < update.Id);
            }
            work.Add(new DeliveryWork(row, org, sub, notice, update, place, hook));
        }
        return work;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
