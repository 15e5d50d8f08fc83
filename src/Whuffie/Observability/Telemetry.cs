using System.Diagnostics;
using System.Diagnostics.Metrics;
using Whuffie.Background;
using Whuffie.Deliveries;

namespace Whuffie.Observability;

/// <summary>
/// Whuffie's own spans and instruments, for the work no library sees: background jobs and notice
/// deliveries. Until something listens (TelemetrySetup, dotnet-counters) StartActivity returns null
/// and the instruments record nothing, so the cost when observability is off is a branch.
/// Tags carry kinds, channels and organization ids, never addresses or other personal data.
/// </summary>
public static class Telemetry
{
    public const string Name = "Whuffie";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> JobsRun = Meter.CreateCounter<long>(
        "whuffie.jobs.run", "{job}", "Job runs by kind and outcome (completed, late, failed, stopped).");
    private static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>(
        "whuffie.jobs.failed", "{job}", "Job runs that threw, by kind.");
    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "whuffie.job.duration", "s", "How long job runs took, by kind and outcome.");
    private static readonly Counter<long> DeliveriesSent = Meter.CreateCounter<long>(
        "whuffie.deliveries.sent", "{delivery}", "Deliveries the channel accepted, by channel.");
    private static readonly Counter<long> DeliveriesFailed = Meter.CreateCounter<long>(
        "whuffie.deliveries.failed", "{delivery}", "Delivery attempts that did not succeed, by channel and result (retry, failed, gone).");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>(
        "whuffie.delivery.batch.duration", "s", "How long a channel took to send and record one claimed batch.");

    public static Activity? StartJob(ClaimedJob job)
    {
        var activity = Source.StartActivity($"job {job.Kind}");
        activity?.SetTag("whuffie.job.kind", job.Kind);
        activity?.SetTag("whuffie.job.id", job.Id);
        activity?.SetTag("whuffie.job.attempt", job.Attempt);
        return activity;
    }

    /// <summary>One finished run. <paramref name="organizationId"/>: the organization the handler worked in, if it entered one.</summary>
    public static void JobRan(Activity? activity, string kind, string outcome, TimeSpan took, int? organizationId, Exception? error = null)
    {
        KeyValuePair<string, object?> kindTag = new("kind", kind), outcomeTag = new("outcome", outcome);
        JobsRun.Add(1, kindTag, outcomeTag);
        JobDuration.Record(took.TotalSeconds, kindTag, outcomeTag);
        if (error is not null) JobsFailed.Add(1, kindTag);
        if (activity is null) return;
        activity.SetTag("whuffie.job.outcome", outcome);
        if (organizationId is { } org) activity.SetTag("whuffie.organization.id", org);
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
    }

    public static Activity? StartBatch(Channel channel, int claimed)
    {
        var activity = Source.StartActivity($"deliver {ChannelName(channel)}");
        activity?.SetTag("whuffie.delivery.channel", ChannelName(channel));
        activity?.SetTag("whuffie.delivery.batch_size", claimed);
        return activity;
    }

    /// <summary>The organizations a batch delivered for: one id when all its rows share one (the usual case), else all of them.</summary>
    public static void BatchFor(Activity? activity, IEnumerable<int> organizationIds)
    {
        if (activity is null) return;
        var ids = organizationIds.Distinct().Order().ToArray();
        if (ids.Length == 1) activity.SetTag("whuffie.organization.id", ids[0]);
        else if (ids.Length > 1) activity.SetTag("whuffie.organization.ids", ids);
    }

    public static void BatchDone(Activity? activity, Channel channel, IReadOnlyCollection<DeliveryOutcome> outcomes, TimeSpan took)
    {
        KeyValuePair<string, object?> channelTag = new("channel", ChannelName(channel));
        foreach (var group in outcomes.GroupBy(o => o.Result))
        {
            var result = group.Key.ToString().ToLowerInvariant();
            var count = group.Count();
            if (group.Key == DeliveryResult.Sent) DeliveriesSent.Add(count, channelTag);
            else DeliveriesFailed.Add(count, channelTag, new("result", result));
            activity?.SetTag($"whuffie.delivery.{result}", count);
        }
        BatchDuration.Record(took.TotalSeconds, channelTag);
        if (activity is not null && outcomes.Any(o => o.Result == DeliveryResult.Failed))
            activity.SetStatus(ActivityStatusCode.Error, "some deliveries failed for good");
    }

    private static string ChannelName(Channel channel) => channel.ToString().ToLowerInvariant();
}
