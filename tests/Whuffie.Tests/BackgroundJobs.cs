using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Background;
using Whuffie.Data;

namespace Whuffie.Tests;

/// <summary>
/// The job queue's leases, on the test's database: concurrent workers never share a job, a
/// vanished worker's job comes back when its lease ends, failures are retried and given up.
/// (Two real instances sharing the queue: Whuffie.ScaleOutTests.)
/// </summary>
public sealed class BackgroundJobs(WhuffieFactory app) : IClassFixture<WhuffieFactory>, IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async Task InitializeAsync() => await WithDbAsync(db => db.Jobs.ExecuteDeleteAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Concurrent_workers_never_claim_the_same_job()
    {
        await EnqueueProbesAsync(30, Monday);

        var claims = await Task.WhenAll(Enumerable.Range(1, 6).Select(worker => Task.Run(() => WithDbAsync(async db =>
        {
            var mine = new List<long>();
            while (await JobQueue.ClaimAsync(db, $"worker-{worker}", Monday, Lease) is { } job) mine.Add(job.Id);
            return mine;
        }))));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
        Assert.Equal(0, await WithDbAsync(db => db.Jobs.CountAsync(j => j.Attempts != 1)));
    }

    [Fact]
    public async Task A_vanished_workers_job_is_claimed_again_when_its_lease_ends()
    {
        await EnqueueProbesAsync(1, Monday);
        var first = await WithDbAsync(db => JobQueue.ClaimAsync(db, "crashed", Monday, Lease));
        Assert.NotNull(first);

        Assert.Null(await WithDbAsync(db => JobQueue.ClaimAsync(db, "other", Monday + Lease - TimeSpan.FromSeconds(1), Lease)));
        var second = await WithDbAsync(db => JobQueue.ClaimAsync(db, "other", Monday + Lease, Lease));

        Assert.Equal(first.Id, second?.Id);
        Assert.Equal(2, second!.Attempt);
        // The first worker comes back to life too late: its lease is gone, so it cannot finish the job.
        Assert.False(await WithDbAsync(db => JobQueue.CompleteAsync(db, first, Monday + Lease)));
        Assert.True(await WithDbAsync(db => JobQueue.CompleteAsync(db, second, Monday + Lease + TimeSpan.FromSeconds(1))));
        Assert.Null(await WithDbAsync(db => JobQueue.ClaimAsync(db, "other", Monday.AddDays(1), Lease)));
    }

    [Fact]
    public async Task A_failed_job_is_retried_later_and_given_up_after_the_last_attempt()
    {
        await EnqueueProbesAsync(1, Monday);
        var now = Monday;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var job = await WithDbAsync(db => JobQueue.ClaimAsync(db, "w", now, Lease));
            Assert.Equal(attempt, job?.Attempt);
            Assert.True(await WithDbAsync(db => JobQueue.FailAsync(db, job!, $"SMTP said no ({attempt})", now, maxAttempts: 3)));
            if (attempt < 3)
            {
                // Not again at once: only after the retry delay.
                Assert.Null(await WithDbAsync(db => JobQueue.ClaimAsync(db, "w", now + JobQueue.RetryDelay(attempt) - TimeSpan.FromSeconds(1), Lease)));
                now += JobQueue.RetryDelay(attempt);
            }
        }

        Assert.Null(await WithDbAsync(db => JobQueue.ClaimAsync(db, "w", Monday.AddYears(1), Lease)));
        var row = await WithDbAsync(db => db.Jobs.SingleAsync());
        Assert.Equal((null, null, "SMTP said no (3)"), (row.DueAt, row.CompletedAt, row.LastError));
    }

    [Fact]
    public async Task The_worker_runs_a_job_saved_with_a_change_and_marks_it_done()
    {
        var now = Now;
        await WithDbAsync(async db =>
        {
            db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(0), now);
            return await db.SaveChangesAsync();
        });
        var worker = app.Services.GetRequiredService<JobWorker>();

        Assert.True(await worker.RunNextAsync(default));
        Assert.False(await worker.RunNextAsync(default));

        var job = await WithDbAsync(db => db.Jobs.SingleAsync());
        Assert.NotNull(job.CompletedAt);
        Assert.Equal((1, worker.Name, null), (job.Attempts, job.LeasedBy, job.DueAt));
    }

    [Fact]
    public async Task A_stopping_worker_hands_its_unfinished_job_back_at_once()
    {
        await WithDbAsync(async db =>
        {
            db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(WorkMilliseconds: 60_000), Now);
            return await db.SaveChangesAsync();
        });
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Services.GetRequiredService<JobWorker>().RunNextAsync(stopping.Token));

        var job = await WithDbAsync(db => db.Jobs.SingleAsync());
        Assert.Equal((1, null, null), (job.Attempts, job.CompletedAt, job.LastError));
        Assert.True(job.DueAt <= Now, "Another worker should be able to take the job at once.");
    }

    [Fact]
    public async Task A_job_of_a_kind_nobody_handles_fails_with_a_reason_and_waits_for_a_retry()
    {
        await WithDbAsync(async db =>
        {
            db.Enqueue("send-carrier-pigeon", new { }, Now);
            return await db.SaveChangesAsync();
        });

        Assert.True(await app.Services.GetRequiredService<JobWorker>().RunNextAsync(default));

        var job = await WithDbAsync(db => db.Jobs.SingleAsync());
        Assert.Null(job.CompletedAt);
        Assert.Contains("No handler for jobs of kind 'send-carrier-pigeon'", job.LastError, StringComparison.Ordinal);
        Assert.True(job.DueAt > Now);
    }

    /// <summary>The clock the worker reads, for the tests that let the worker run.</summary>
    private DateTime Now => app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private Task EnqueueProbesAsync(int count, DateTime now) => WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++) db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(0), now);
        return await db.SaveChangesAsync();
    });

    private async Task<T> WithDbAsync<T>(Func<WhuffieDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WhuffieDb>());
    }
}
