using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Whuffie.Background;
using Whuffie.Data;

namespace Whuffie.Deliveries;

/// <summary>
/// Once a day, removes the delivery rows that are done with (sent, or their recipient gone) and
/// older than <see cref="DeliveryOptions.KeepDeliveries"/>: a notice to 200,000 people leaves
/// 200,000 rows, and a few a week would grow the table without end. The rows go a window of ids
/// at a time, each window in its own short transaction (a publish waits behind none for long), and
/// what a window deletes is counted into <see cref="DeliveryTotal"/> in that same transaction, from
/// the rows the DELETE returns: the report's figures never change, and a row a worker sends while
/// the job runs is either counted and deleted or left for tomorrow. Failed rows stay for staff to
/// see and retry; confirmation and idea-event rows simply go (a text's code with them: only its
/// hash, on the subscription, confirms).
/// </summary>
public sealed class PruneDeliveriesJob(WhuffieDb db, IOptions<DeliveryOptions> options, TimeProvider clock) : IJobHandler
{
    public const string Kind = "prune-deliveries";

    /// <summary>The hour (UTC): a quiet one, before the digests and reminders.</summary>
    public const int Hour = 3;

    /// <summary>Ids per transaction: a fan-out's ids are nearly consecutive, so about as many rows.</summary>
    internal const int Window = 10_000;

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - options.Value.KeepDeliveries;
        string sent = nameof(DeliveryState.Sent), gone = nameof(DeliveryState.Gone);
        var done = db.Deliveries.IgnoreQueryFilters().Where(d => (d.State == DeliveryState.Sent || d.State == DeliveryState.Gone) && d.CreatedAt < before);
        // One scan for both ends; with nothing to prune, one row of nulls.
        var range = await done.GroupBy(_ => 1).Select(g => new { First = g.Min(d => (long?)d.Id), Last = g.Max(d => (long?)d.Id) }).SingleOrDefaultAsync(ct);
        for (var from = range?.First ?? 0; from <= (range?.Last ?? -1); from += Window)
        {
            await using var tx = await db.BeginWriteAsync(ct);
            var pruned = await db.Database.SqlQuery<PrunedRow>($"""
                DELETE FROM "Deliveries"
                WHERE "Id" >= {from} AND "Id" < {from + Window} AND "State" IN ({sent}, {gone}) AND "CreatedAt" < {before}
                RETURNING "NoticeUpdateId", "Channel", "State", "OrganizationId"
                """).ToListAsync(ct);
            foreach (var total in pruned.Where(r => r.NoticeUpdateId is not null).CountBy(r => (Update: r.NoticeUpdateId!.Value, r.Channel, r.State, r.OrganizationId)))
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "DeliveryTotals" ("NoticeUpdateId", "Channel", "State", "OrganizationId", "Count")
                    VALUES ({total.Key.Update}, {total.Key.Channel}, {total.Key.State}, {total.Key.OrganizationId}, {total.Value})
                    ON CONFLICT ("NoticeUpdateId", "Channel", "State") DO UPDATE SET "Count" = "DeliveryTotals"."Count" + excluded."Count"
                    """, ct);
            await tx.CommitAsync(ct);
        }
        await db.ScheduleDailyAsync(Kind, Hour, now, job.Id, ct);
    }

    private sealed class PrunedRow
    {
        public long? NoticeUpdateId { get; init; }
        public string Channel { get; init; } = "";
        public string State { get; init; } = "";
        public int OrganizationId { get; init; }
    }
}
