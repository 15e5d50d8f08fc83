using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Whuffie.Background;
using Whuffie.Deliveries;
using Whuffie.Observability;
using Whuffie.Tests.Notices;

namespace Whuffie.Tests.Observability;

/// <summary>
/// The spans Whuffie makes for work no library sees, caught as any listener (an OpenTelemetry
/// exporter, dotnet-trace) would catch them: one per job run, one per delivery batch, each tagged
/// with its kind or channel and the organization, never a recipient.
/// </summary>
public sealed class TracingWork : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>, IDisposable
{
    // Compared by name: touching the static source inside ShouldListenTo would create it while the
    // listener is being added, and a source born then never meets that listener.
    private const string TestSource = "Whuffie.Tests.Observability";
    private static readonly ActivitySource Test = new(TestSource);
    private readonly WhuffieFactory app;
    private readonly Receivers receivers;
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public TracingWork(WhuffieFactory app, Receivers receivers)
    {
        this.app = app;
        this.receivers = receivers;
        _listener = new()
        {
            ShouldListenTo = s => s.Name is Telemetry.Name or TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_stopped) _stopped.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>
    /// The spans made while <paramref name="work"/> ran under a test span of its own: other tests'
    /// hosts in this process make spans too, and only this trace is ours.
    /// </summary>
    private async Task<List<Activity>> TracedAsync(Func<Task> work)
    {
        ActivityTraceId trace;
        using (var root = Test.StartActivity("test") ?? throw new InvalidOperationException("The test's listener is not attached."))
        {
            trace = root.TraceId;
            await work();
        }
        lock (_stopped) return [.. _stopped.Where(a => a.TraceId == trace && a.Source.Name == Telemetry.Name)];
    }

    [Fact]
    public async Task A_job_run_is_a_span_with_its_kind_outcome_and_the_organization_it_worked_in()
    {
        var org = await app.CreateOrgAsync();
        var (orgId, jobId) = await app.InOrgAsync(org, async db =>
        {
            var job = db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(0), app.Now);
            await db.SaveChangesAsync();
            return (db.Tenant.Current.Id, job.Id);
        });
        var unhandled = await app.InOrgAsync(org, async db =>
        {
            // A kind this instance has no handler for: the run fails, and its span says so.
            var job = db.Enqueue("no-such-kind", new { }, app.Now);
            await db.SaveChangesAsync();
            return job.Id;
        });

        var spans = await TracedAsync(app.RunJobsAsync);

        var probe = Assert.Single(spans, s => s.GetTagItem("whuffie.job.id") is long id && id == jobId);
        Assert.Equal(("job probe", "probe", "completed", ActivityStatusCode.Unset), (probe.DisplayName, probe.GetTagItem("whuffie.job.kind"), probe.GetTagItem("whuffie.job.outcome"), probe.Status));
        Assert.Null(probe.GetTagItem("whuffie.organization.id")); // the probe enters no organization
        var failed = Assert.Single(spans, s => s.GetTagItem("whuffie.job.id") is long id && id == unhandled);
        Assert.Equal(("failed", ActivityStatusCode.Error), (failed.GetTagItem("whuffie.job.outcome"), failed.Status));
        Assert.True(orgId > 0);
    }

    [Fact]
    public async Task A_job_that_works_in_an_organization_carries_its_id()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var orgId = await app.InOrgAsync(org, db => Task.FromResult(db.Tenant.Current.Id));
        var number = await lars.SubmitIdeaAsync(org, "Længere åbent om lørdagen", "Til kl. 16.");
        (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/comments", new { body = "God idé." })).EnsureSuccessStatusCode();

        var spans = await TracedAsync(app.RunJobsAsync);

        var notify = Assert.Single(spans, s => s.GetTagItem("whuffie.job.kind") as string == "notify");
        Assert.Equal(orgId, notify.GetTagItem("whuffie.organization.id"));
    }

    [Fact]
    public async Task A_delivery_batch_is_a_span_with_its_channel_organization_and_results_but_no_recipient()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var orgId = await app.InOrgAsync(org, db => Task.FromResult(db.Tenant.Current.Id));
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        await app.AddConfirmedAsync(org, Channel.Sms, ["+4530000081", "+4530000082"]);
        await lars.PublishAsync(org, "Vandafbrydelse i Gladsaxe", "Forventet tilbage kl. 16.");

        var spans = await TracedAsync(() => app.RunChannelAsync(Channel.Sms));

        var batch = Assert.Single(spans);
        Assert.Equal(("deliver sms", "sms", orgId, 2, 2), (batch.DisplayName, batch.GetTagItem("whuffie.delivery.channel"),
            batch.GetTagItem("whuffie.organization.id"), batch.GetTagItem("whuffie.delivery.batch_size"), batch.GetTagItem("whuffie.delivery.sent")));
        Assert.DoesNotContain(batch.TagObjects, t => t.Value?.ToString()?.Contains("4530000081", StringComparison.Ordinal) == true);
        Assert.Equal(2, await app.InOrgAsync(org, db => db.Deliveries.CountAsync(d => d.Channel == Channel.Sms && d.SentAt != null)));
    }
}
