using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Whuffie.Background;
using Whuffie.Deliveries;
using Whuffie.Observability;
using Whuffie.Tests.Notices;

namespace Whuffie.Tests.Observability;

/// <summary>
/// The app's own tracing setup (the one an OTLP endpoint turns on), with OpenTelemetry's in-memory
/// exporter in the collector's place: requests with their database calls beneath them, jobs with
/// theirs, delivery batches with their sends, and no trace for a worker's empty poll.
/// </summary>
public sealed class TracingPipeline(WhuffieFactory app, Receivers receivers) : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>
{
    // Other tests' hosts run in this process too, so each assertion picks its own trace.
    private const string TestSource = "Whuffie.Tests.TracingPipeline";
    private static readonly ActivitySource Test = new(TestSource);
    private readonly List<Activity> _spans = [];

    private WebApplicationFactory<Program> Traced() => app.WithWebHostBuilder(b => b.ConfigureServices(s =>
        s.AddOpenTelemetry().WithTracing(t => t.AddWhuffieTracing().AddSource(TestSource).AddInMemoryExporter(_spans))));

    private List<Activity> Spans()
    {
        lock (_spans) return [.. _spans];
    }

    [Fact]
    public async Task A_request_has_a_server_span_with_its_route_and_its_database_calls_inside()
    {
        await using var host = Traced();
        var org = await app.CreateOrgAsync();

        (await host.CreateClient().GetAsync($"/{org}/status.atom")).EnsureSuccessStatusCode();
        // The server span ends as the request is disposed, which may come just after the answer.
        for (var tries = 0; tries < 100 && !Spans().Any(IsTheRequest); tries++) await Task.Delay(50);

        var request = Assert.Single(Spans(), IsTheRequest);
        Assert.Equal("/{org}/status.atom", request.GetTagItem("http.route"));
        var queries = Spans().Where(s => s.TraceId == request.TraceId && s.Kind == ActivityKind.Client).ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries, q => Assert.NotNull(q.GetTagItem("db.system") ?? q.GetTagItem("db.system.name")));

        bool IsTheRequest(Activity s) => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == $"/{org}/status.atom";
    }

    [Fact]
    public async Task A_job_run_has_its_database_calls_inside_and_an_empty_poll_leaves_no_trace()
    {
        await using var host = Traced();
        var worker = host.Services.GetRequiredService<JobWorker>(); // starts the host, and its tracing, first
        // Other tests' jobs (a sign-up's confirmation email) run first, outside the trace below.
        while (await worker.RunNextAsync(default)) { }
        var id = await app.InOrgAsync(await app.CreateOrgAsync(), async db =>
        {
            var job = db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(0), app.Now);
            await db.SaveChangesAsync();
            return job.Id;
        });
        ActivityTraceId trace;
        using (var root = Test.StartActivity("test")!)
        {
            trace = root.TraceId;
            while (await worker.RunNextAsync(default)) { }
        }

        var run = Assert.Single(Spans(), s => s.TraceId == trace && s.Source.Name == Telemetry.Name);
        Assert.Equal(id, run.GetTagItem("whuffie.job.id"));
        Assert.Contains(Spans(), s => s.ParentSpanId == run.SpanId && s.Kind == ActivityKind.Client);

        // An idle worker's poll, outside any request, job or batch: the sampler drops its query.
        Assert.False(await worker.RunNextAsync(default));
        Assert.DoesNotContain(Spans(), s => s.Kind == ActivityKind.Client && s.ParentSpanId == default);
    }

    [Fact]
    public async Task A_delivery_batch_holds_its_sends_which_name_the_server_but_not_the_path()
    {
        await using var host = Traced();
        _ = host.Services;
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        await app.AddConfirmedAsync(org, Channel.Sms, ["+4530000091"]);
        await lars.PublishAsync(org, "Vandafbrydelse i Gladsaxe", "Forventet tilbage kl. 16.");
        ActivityTraceId trace;
        using (var root = Test.StartActivity("test")!)
        {
            trace = root.TraceId;
            await host.RunChannelAsync(Channel.Sms);
        }

        var batch = Assert.Single(Spans(), s => s.TraceId == trace && s.DisplayName == "deliver sms");
        var send = Assert.Single(Spans(), s => s.ParentSpanId == batch.SpanId && s.GetTagItem("http.request.method") is not null);
        Assert.Equal(new Uri(receivers.Url).GetLeftPart(UriPartial.Authority), send.GetTagItem("url.full"));
        Assert.Equal(1, batch.GetTagItem("whuffie.delivery.sent"));
    }
}
