using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Deliveries;

/// <summary>What one delivery came to, as its channel reports it.</summary>
public sealed record DeliveryOutcome(long Id, DeliveryResult Result, string? Response);

public enum DeliveryResult { Sent, Retry, Failed, Gone }

/// <summary>
/// The lease rules of the delivery rows, per channel: each channel's worker claims only its own
/// rows, so a dead channel's backlog never stands in front of another's. Claim takes a batch and
/// pushes its DueAt to the end of the lease in one statement (SKIP LOCKED on PostgreSQL, the one
/// write lock on SQLite), from the queue index and then from fan-outs' fresh rows (FanOut);
/// outcomes only count while the lease is still the worker's.
/// </summary>
public static class DeliveryQueue
{
    /// <summary>Ids past a fan-out's cursor read beyond the count a claim asks for (<see cref="ClaimFreshAsync"/>).</summary>
    internal const int FreshSlack = 1_000;

    public static async Task<List<long>> ClaimAsync(WhuffieDb db, Channel channel, string worker, int batch, DateTime now, TimeSpan lease, CancellationToken ct)
    {
        var name = channel.ToString();
        // Plain reads first: an idle channel never asks for SQLite's write lock.
        if (!await db.Deliveries.IgnoreQueryFilters().AnyAsync(d => d.Channel == channel && d.DueAt <= now, ct)
            && !await db.FanOuts.AnyAsync(f => f.Channel == channel, ct)) return [];
        var leaseEnd = now + lease;
        // By DueAt alone, the order of the index, so the first rows end the scan: ordering by Id
        // too made PostgreSQL sort every waiting row per claim.
        await using var tx = await db.BeginWriteAsync(ct);
        var rows = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<long>($"""
                UPDATE "Deliveries" SET "DueAt" = {leaseEnd}, "LeasedBy" = {worker}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (SELECT "Id" FROM "Deliveries" WHERE "Channel" = {name} AND "DueAt" <= {now} ORDER BY "DueAt" LIMIT {batch} FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """)
            : db.Database.SqlQuery<long>($"""
                UPDATE "Deliveries" SET "DueAt" = {leaseEnd}, "LeasedBy" = {worker}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (SELECT "Id" FROM "Deliveries" WHERE "Channel" = {name} AND "DueAt" <= {now} ORDER BY "DueAt" LIMIT {batch})
                RETURNING "Id" AS "Value"
                """);
        var ids = await rows.ToListAsync(ct);
        // What is due first (retries, expired leases, single messages), then fresh fan-out rows.
        while (ids.Count < batch && await NextFanOutAsync(db, channel, ct) is { } fanOut)
            ids.AddRange(await ClaimFreshAsync(db, fanOut, worker, batch - ids.Count, leaseEnd, ct));
        await tx.CommitAsync(ct);
        ids.Sort();
        return ids;
    }

    /// <summary>The channel's oldest fan-out; on PostgreSQL one no other worker holds (its claimer has it locked until its commit).</summary>
    private static async Task<FanOut?> NextFanOutAsync(WhuffieDb db, Channel channel, CancellationToken ct)
    {
        var name = channel.ToString();
        var query = db.Database.IsNpgsql()
            ? db.FanOuts.FromSql($"""SELECT * FROM "FanOuts" WHERE "Channel" = {name} ORDER BY "NoticeUpdateId" LIMIT 1 FOR UPDATE SKIP LOCKED""")
            : db.FanOuts.Where(f => f.Channel == channel).OrderBy(f => f.NoticeUpdateId).Take(1);
        return (await query.AsNoTracking().ToListAsync(ct)).FirstOrDefault();
    }

    /// <summary>
    /// The next fresh rows of a fan-out, in id order through the primary key, leased like any claim
    /// (from here on they are in the queue index); the cursor moves past them, or goes when done.
    /// Only a window of ids past the cursor is read: over the whole rest of a fresh fan-out,
    /// PostgreSQL (whose statistics do not know the new rows yet) read all of it and sorted it
    /// for every claim (docs/benchmarks.md).
    /// </summary>
    private static async Task<List<long>> ClaimFreshAsync(WhuffieDb db, FanOut fanOut, string worker, int count, DateTime leaseEnd, CancellationToken ct)
    {
        string name = fanOut.Channel.ToString(), pending = nameof(DeliveryState.Pending);
        // A fan-out's ids are nearly consecutive; the slack covers ids other writers took in between.
        var upTo = Math.Min(fanOut.LastId, fanOut.NextId + count + FreshSlack);
        var ids = await db.Database.SqlQuery<long>($"""
            UPDATE "Deliveries" SET "DueAt" = {leaseEnd}, "LeasedBy" = {worker}, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (SELECT "Id" FROM "Deliveries"
                           WHERE "Id" BETWEEN {fanOut.NextId} AND {upTo} AND "NoticeUpdateId" = {fanOut.NoticeUpdateId}
                             AND "Channel" = {name} AND "State" = {pending} AND "DueAt" IS NULL
                           ORDER BY "Id" LIMIT {count})
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        // Short of the count, the window held no more: the next claim starts after it.
        var next = ids.Count == count ? ids.Max() + 1 : upTo + 1;
        var cursor = db.FanOuts.Where(f => f.NoticeUpdateId == fanOut.NoticeUpdateId && f.Channel == fanOut.Channel);
        if (next > fanOut.LastId) await cursor.ExecuteDeleteAsync(ct);
        else await cursor.ExecuteUpdateAsync(s => s.SetProperty(f => f.NextId, next), ct);
        return ids;
    }

    /// <summary>Records a batch's outcomes: sent ones in one statement, the rest one by one (they are few).</summary>
    public static async Task RecordAsync(WhuffieDb db, string worker, IReadOnlyList<DeliveryOutcome> outcomes, DateTime now, int maxAttempts, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        foreach (var sent in outcomes.Where(o => o.Result == DeliveryResult.Sent && o.Response is null).Select(o => o.Id).Chunk(500))
        {
            await Leased(db, worker).Where(d => sent.Contains(d.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DeliveryState.Sent).SetProperty(d => d.DueAt, (DateTime?)null).SetProperty(d => d.SentAt, now), ct);
        }
        foreach (var o in outcomes.Where(o => o.Result != DeliveryResult.Sent || o.Response is not null))
        {
            var response = Trim(o.Response);
            var row = Leased(db, worker).Where(d => d.Id == o.Id);
            switch (o.Result)
            {
                case DeliveryResult.Sent:
                    await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Sent).SetProperty(d => d.DueAt, (DateTime?)null)
                        .SetProperty(d => d.SentAt, now).SetProperty(d => d.Response, response), ct);
                    break;
                case DeliveryResult.Gone:
                    await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Gone).SetProperty(d => d.DueAt, (DateTime?)null)
                        .SetProperty(d => d.Response, response), ct);
                    break;
                case DeliveryResult.Failed:
                    await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.DueAt, (DateTime?)null)
                        .SetProperty(d => d.Response, response), ct);
                    break;
                default:
                    var attempts = await row.Select(d => d.Attempts).FirstOrDefaultAsync(ct);
                    if (attempts >= maxAttempts)
                        await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.DueAt, (DateTime?)null)
                            .SetProperty(d => d.Response, response), ct);
                    else
                        await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, now + RetryDelay(attempts, Random.Shared.NextDouble()))
                            .SetProperty(d => d.Response, response), ct);
                    break;
            }
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Exponential backoff with jitter: 5 s, 10 s, 20 s, … at most an hour, each drawn between half
    /// and all of that, so receivers that failed together do not come back all at once.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt, double random) =>
        TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(attempt - 1, 12))) * (0.5 + random / 2));

    /// <summary>Staff's retry by hand: failed deliveries of a notice (on one channel, or all) go back in the queue with fresh attempts.</summary>
    public static Task<int> RetryFailedAsync(WhuffieDb db, int noticeId, Channel? channel, DateTime now, CancellationToken ct) =>
        db.Deliveries.Where(d => d.State == DeliveryState.Failed && (channel == null || d.Channel == channel)
                && db.NoticeUpdates.Any(u => u.Id == d.NoticeUpdateId && u.NoticeId == noticeId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.DueAt, now).SetProperty(d => d.Attempts, 0), ct);

    private static IQueryable<Delivery> Leased(WhuffieDb db, string worker) =>
        db.Deliveries.IgnoreQueryFilters().Where(d => d.LeasedBy == worker && d.State == DeliveryState.Pending);

    private static string? Trim(string? s) => s is { Length: > Delivery.ResponseMaxLength } ? s[..Delivery.ResponseMaxLength] : s;
}
