namespace Whuffie.Background;

/// <summary>
/// The smallest real job: it writes to the log which worker ran it. `whuffie jobs probe`
/// enqueues some, so an operator can see that the workers are alive and share the queue;
/// the scale-out tests count the lines. Email and notice delivery follow the same path.
/// </summary>
public sealed class ProbeJob(TimeProvider clock, ILogger<ProbeJob> log) : IJobHandler
{
    public const string Kind = "probe";

    /// <summary>Work: how long the probe pretends to be busy, so several workers get a share.</summary>
    public sealed record Payload(int WorkMilliseconds);

    public async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        var payload = job.ReadPayload<Payload>();
        if (payload.WorkMilliseconds > 0) await Task.Delay(TimeSpan.FromMilliseconds(payload.WorkMilliseconds), clock, ct);
        log.LogInformation("Probe job {JobId} ran on worker {Worker}.", job.Id, job.Worker);
    }
}
