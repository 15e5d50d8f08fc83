using Microsoft.Extensions.Options;
using Whuffie.Data;
using Whuffie.Observability;
using Whuffie.Organizations;

namespace Whuffie.Background;

/// <summary>What a kind of job does. Registered as a keyed scoped service under its kind.</summary>
public interface IJobHandler
{
    /// <summary>
    /// Does the work. <paramref name="ct"/> is cancelled shortly before the lease ends (and when
    /// the instance stops): honour it, or another worker may start the same job.
    /// </summary>
    Task RunAsync(ClaimedJob job, CancellationToken ct);
}

public sealed class JobOptions
{
    /// <summary>Whether this instance runs a worker (web-only instances may say false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle worker looks for due jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed job is the worker's before others may take it; the longest a job may run.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many failed attempts a job is given up and left with its last error.</summary>
    public int MaxAttempts { get; set; } = 10;
}

/// <summary>
/// One worker per instance: claims due jobs one at a time and runs each in its own scope.
/// Several instances may run workers against one database; the leases keep them apart.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<JobWorker> log)
    : BackgroundService
{
    private readonly JobOptions _options = options.Value;

    /// <summary>This worker's name in LeasedBy: the machine and process, plus a little randomness for restarts.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        log.LogInformation("Worker {Worker} takes jobs every {PollInterval} with {Lease} leases.", Name, _options.PollInterval, _options.Lease);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stop)) { }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away (a failover, a restart): wait a round and go on.
                log.LogError(e, "Worker {Worker} could not reach the job queue.", Name);
            }

            try
            {
                await Task.Delay(_options.PollInterval, clock, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and runs one due job; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        var job = await JobQueue.ClaimAsync(db, Name, Now, _options.Lease, stop);
        if (job is null) return false;

        // Stop before the lease ends, leaving a tenth of it to record the outcome.
        using var leaseEnding = new CancellationTokenSource(_options.Lease * 0.9, clock);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop, leaseEnding.Token);
        using var activity = Telemetry.StartJob(job);
        var started = clock.GetTimestamp();
        // The organization the handler entered on the scope's database, if any: jobs carry no column for it.
        int? Org() => scope.ServiceProvider.GetRequiredService<TenantContext>().Organization?.Id;
        try
        {
            var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind)
                ?? throw new InvalidOperationException($"No handler for jobs of kind '{job.Kind}' on this instance.");
            await handler.RunAsync(job, cancel.Token);
            var completed = await JobQueue.CompleteAsync(db, job, Now, CancellationToken.None);
            if (!completed)
                log.LogWarning("Job {JobId} ({Kind}) finished after its lease was taken over.", job.Id, job.Kind);
            Telemetry.JobRan(activity, job.Kind, completed ? "completed" : "late", clock.GetElapsedTime(started), Org());
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await JobQueue.ReleaseAsync(db, job, Now, CancellationToken.None);
            Telemetry.JobRan(activity, job.Kind, "stopped", clock.GetElapsedTime(started), Org());
            throw;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Job {JobId} ({Kind}) failed on attempt {Attempt}.", job.Id, job.Kind, job.Attempt);
            await JobQueue.FailAsync(db, job, e.Message, Now, _options.MaxAttempts, CancellationToken.None);
            Telemetry.JobRan(activity, job.Kind, "failed", clock.GetElapsedTime(started), Org(), e);
        }
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
