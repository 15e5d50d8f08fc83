using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Notices;

namespace Whuffie.Tests.Notices;

/// <summary>
/// A publish writes its rows fresh, outside the queue index, with a cursor per channel (FanOut);
/// the workers claim them in order through it, after whatever is due, one update after another,
/// and two workers at once share a fan-out without a gap or a repeat.
/// </summary>
public sealed class ClaimingFanOuts(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_fan_out_waits_outside_the_queue_and_is_claimed_in_order_after_what_is_due()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await app.AddConfirmedAsync(org, Channel.Email, Enumerable.Range(1, 5).Select(i => $"person{i}@example.dk"));
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.");
        await lars.PublishAsync(org, "Vandrør sprunget", "Gladsaxe er uden vand.");

        var rows = await app.DeliveriesAsync(org, Channel.Email);
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.True(r is { State: DeliveryState.Pending, DueAt: null, Attempts: 0 }));
        // One cursor per update on the one channel anybody is subscribed on.
        Assert.Equal([Channel.Email, Channel.Email], (await FanOutsAsync()).Select(f => f.Channel));

        // Across the first update's end into the second's.
        var now = Now;
        Assert.Equal(rows.Take(7).Select(r => r.Id), await ClaimAsync("w1", 7, now));
        var left = Assert.Single(await FanOutsAsync());
        Assert.Equal(rows[7].NoticeUpdateId, left.NoticeUpdateId);
        Assert.InRange(left.NextId, rows[6].Id + 1, rows[7].Id);
        var claimed = (await app.DeliveriesAsync(org, Channel.Email)).Take(7).ToList();
        // PostgreSQL keeps microseconds.
        Assert.All(claimed, r => Assert.True(Math.Abs((r.DueAt!.Value - (now + Lease)).TotalMilliseconds) < 1 && r.LeasedBy == "w1" && r.Attempts == 1));

        // A row whose lease ran out comes back before the fresh ones.
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Id == rows[0].Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, now)));
        Assert.Equal([rows[0].Id, rows[7].Id], await ClaimAsync("w2", 2, now + TimeSpan.FromSeconds(1)));
        Assert.Equal([rows[8].Id, rows[9].Id], await ClaimAsync("w2", 10, now));
        Assert.Empty(await FanOutsAsync());
        Assert.Empty(await ClaimAsync("w2", 10, now));
    }

    [Fact]
    public async Task Two_workers_claiming_one_fan_out_at_once_share_it_without_a_gap_or_a_repeat()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await app.AddConfirmedAsync(org, Channel.Email, Enumerable.Range(1, 300).Select(i => $"reader{i}@example.dk"));
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.");
        var all = (await app.DeliveriesAsync(org, Channel.Email)).Select(r => r.Id).ToList();

        var taken = await Task.WhenAll(new[] { "w1", "w2" }.Select(worker => Task.Run(async () =>
        {
            var mine = new List<long>();
            // A worker that finds the cursor held (SKIP LOCKED) gets nothing this time; it goes on until the fan-out is done.
            while (await ClaimAsync(worker, 7, Now) is var ids && (ids.Count > 0 || (await FanOutsAsync()).Count > 0)) mine.AddRange(ids);
            return mine;
        })));

        Assert.Empty(taken[0].Intersect(taken[1]));
        // The claims are for every organization: what else the database holds may come along.
        Assert.Subset(taken.SelectMany(t => t).ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public async Task A_claim_reads_a_window_past_the_cursor_and_moves_across_ids_that_are_not_the_fan_outs()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await app.AddConfirmedAsync(org, Channel.Email, Enumerable.Range(1, 1_300).Select(i => $"kunde{i}@example.dk"));
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.");
        var rows = (await app.DeliveriesAsync(org, Channel.Email)).Select(r => r.Id).ToList();
        // A run of ids inside the fan-out's range, longer than a claim's window, that are not fresh
        // rows of it (as if other writers had taken them): the claim must go on past the run.
        var run = rows.Skip(1).Take(DeliveryQueue.FreshSlack + 200).ToList();
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => run.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Sent)));
        var fresh = rows.Except(run).ToList();

        Assert.Equal(fresh.Take(7), await ClaimAsync("w1", 7, Now));
        var rest = new List<long>();
        while (await ClaimAsync("w1", 30, Now) is { Count: > 0 } ids) rest.AddRange(ids);
        Assert.Equal(fresh.Skip(7), rest);
        Assert.Empty(await FanOutsAsync());
    }

    [Fact]
    public async Task Warming_up_the_publish_path_at_start_writes_nothing()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        await app.AddConfirmedAsync(org, Channel.Email, ["person@example.dk"]);
        var before = await CountsAsync();

        await using (var scope = app.Services.CreateAsyncScope())
            await Publishing.WarmUpAsync(scope.ServiceProvider.GetRequiredService<WhuffieDb>(), app.Services.GetRequiredService<IConfiguration>(), Now, default);

        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int, int, int, int)> CountsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        return (await db.Deliveries.IgnoreQueryFilters().CountAsync(), await db.FanOuts.CountAsync(),
            await db.Notices.IgnoreQueryFilters().CountAsync(), await db.NoticeUpdates.IgnoreQueryFilters().CountAsync());
    }

    private async Task<List<long>> ClaimAsync(string worker, int batch, DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await DeliveryQueue.ClaimAsync(scope.ServiceProvider.GetRequiredService<WhuffieDb>(), Channel.Email, worker, batch, now, Lease, default);
    }

    private async Task<List<FanOut>> FanOutsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WhuffieDb>().FanOuts.AsNoTracking().OrderBy(f => f.NoticeUpdateId).ToListAsync();
    }

    private DateTime Now => app.Now;
}
