using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Whuffie.Observability;

/// <summary>
/// OpenTelemetry for requests, database calls, outgoing HTTP, the runtime, jobs and deliveries.
/// Nothing is collected unless an operator asks: metrics when the Prometheus scrape endpoint is on
/// or an OTLP endpoint is set, traces when an OTLP endpoint is set (docs/operations.md).
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "Observability";
    public const string ScrapePath = "/metrics";

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration.GetSection(Section);
        var prometheus = config.GetValue<bool>("Prometheus:Enabled");
        var otlp = OtlpEndpoint(config);
        if (!prometheus && otlp is null) return;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["ServiceName"] is { Length: > 0 } name ? name : "whuffie"))
            .WithMetrics(m =>
            {
                m.AddWhuffieMetrics();
                if (prometheus) m.AddPrometheusExporter();
            });
        if (prometheus)
        {
            var allowed = ScrapeAllowList.From(config.GetSection("Prometheus:AllowedNetworks"));
            builder.Services.AddSingleton<IStartupFilter>(new ScrapeEndpoint(allowed));
        }
        if (otlp is null) return;
        otel.WithTracing(t => t.AddWhuffieTracing()).UseOtlpExporter(otlp.Value.Protocol, otlp.Value.Endpoint);
    }

    private static (OtlpExportProtocol Protocol, Uri Endpoint)? OtlpEndpoint(IConfigurationSection config)
    {
        var given = config["Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(given)) return null;
        if (!Uri.TryCreate(given, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{Section}:Otlp:Endpoint '{given}' is not an http(s) URL such as http://collector:4317.");
        var protocol = config["Otlp:Protocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{Section}:Otlp:Protocol '{other}' is neither 'grpc' nor 'http/protobuf'."),
        };
        return (protocol, endpoint);
    }

    internal static MeterProviderBuilder AddWhuffieMetrics(this MeterProviderBuilder m) => m
        .AddMeter(Telemetry.Name)
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        // .NET's own meters: the runtime (GC, thread pool, exceptions), EF Core (queries, saves)
        // and Npgsql (command durations, the connection pool).
        .AddMeter("System.Runtime", "Microsoft.EntityFrameworkCore", "Npgsql");

    internal static TracerProviderBuilder AddWhuffieTracing(this TracerProviderBuilder t) => t
        .SetSampler(new SkipUnparentedCalls())
        .AddSource(Telemetry.Name)
        .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(ScrapePath))
        .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
        {
            // Webhook and Web Push URLs carry secrets and per-subscriber tokens in their paths: keep the server only.
            if (request.RequestUri is { IsAbsoluteUri: true } uri) activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority));
        })
        .AddEntityFrameworkCoreInstrumentation();

    /// <summary>
    /// Drops database and HTTP calls made outside any request, job or delivery batch: the workers
    /// poll their queues every second, and a trace per empty poll would bury the ones that matter.
    /// </summary>
    private sealed class SkipUnparentedCalls : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters p) =>
            new(p.ParentContext.TraceId == default && p.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }

    /// <summary>
    /// Puts the scrape endpoint in front of the whole pipeline, so Program.cs needs no line for it
    /// and scrapes skip rate limits, languages and sign-in. A request the allow list refuses is not
    /// answered here: it goes on into the app, which knows no /metrics ("metrics" is a reserved
    /// organization slug) and answers its ordinary 404, the same as when the endpoint is off.
    /// </summary>
    private sealed class ScrapeEndpoint(ScrapeAllowList allowed) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: http => http.Request.Path == ScrapePath && allowed.Allows(http),
                path: null,
                configureBranchedPipeline: null,
                optionsName: null);
            next(app);
        };
    }
}
