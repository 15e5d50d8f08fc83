using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using Whuffie.Background;
using Whuffie.Deliveries;
using Whuffie.Tests.Notices;

namespace Whuffie.Tests.Observability;

/// <summary>
/// The Prometheus scrape endpoint: absent unless turned on, then serving request, database, job and
/// delivery metrics to the allowed networks only, and to everyone else the app's ordinary 404.
/// </summary>
public sealed class ScrapingMetrics(WhuffieFactory app, Receivers receivers) : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>
{
    private WebApplicationFactory<Program> Scraped(params (string Key, string Value)[] settings) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Observability:Prometheus:Enabled", "true");
        foreach (var (key, value) in settings) b.UseSetting(key, value);
        // Each test scrapes once after its work; no cached answer from an earlier scrape may stand in.
        b.ConfigureServices(s => s.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
    });

    [Fact]
    public async Task There_is_no_metrics_endpoint_unless_the_operator_turns_it_on()
    {
        var scrape = await app.ScrapeAsync(from: "127.0.0.1");

        Assert.Equal(404, scrape.Status);
        Assert.DoesNotContain("# TYPE", scrape.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_on_it_shows_requests_database_calls_jobs_and_deliveries_to_loopback()
    {
        await using var host = Scraped();
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        await app.AddConfirmedAsync(org, Channel.Sms, ["+4530000071", "+4530000072"]);
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.");
        (await host.CreateClient().GetAsync($"/{org}/status.atom")).EnsureSuccessStatusCode();
        await app.InOrgAsync(org, async db =>
        {
            db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(0), app.Now);
            db.Enqueue("no-such-kind", new { }, app.Now); // fails: no handler on this instance
            return await db.SaveChangesAsync();
        });
        var worker = host.Services.GetRequiredService<JobWorker>();
        while (await worker.RunNextAsync(default)) { }
        await host.RunChannelAsync(Channel.Sms);

        // ASP.NET Core records a request's duration as the request is disposed, which TestServer
        // may do just after the client has the answer: ask again until it is in, not for a fixed time.
        var scrape = await host.ScrapeAsync(from: "127.0.0.1");
        for (var tries = 0; tries < 100 && scrape.Value("http_server_request_duration_seconds_count", "http_route=\"/{org}/status.atom\"") is null; tries++)
        {
            await Task.Delay(50);
            scrape = await host.ScrapeAsync(from: "127.0.0.1");
        }

        Assert.Equal(200, scrape.Status);
        Assert.True(scrape.Value("http_server_request_duration_seconds_count", "http_route=\"/{org}/status.atom\"", "http_response_status_code=\"200\"") >= 1, scrape.Body);
        Assert.True(scrape.Value("whuffie_jobs_run_total", "kind=\"probe\"", "outcome=\"completed\"") >= 1, scrape.Body);
        Assert.True(scrape.Value("whuffie_job_duration_seconds_count", "kind=\"probe\"", "outcome=\"completed\"") >= 1, scrape.Body);
        Assert.True(scrape.Value("whuffie_jobs_failed_total", "kind=\"no-such-kind\"") >= 1, scrape.Body);
        Assert.True(scrape.Value("whuffie_deliveries_sent_total", "channel=\"sms\"") >= 2, scrape.Body);
        Assert.True(scrape.Value("whuffie_delivery_batch_duration_seconds_count", "channel=\"sms\"") >= 1, scrape.Body);
        Assert.Contains("# TYPE microsoft_entityframeworkcore_", scrape.Body, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_", scrape.Body, StringComparison.Ordinal);
        if (app.Database.Provider != "Sqlite") // Npgsql's own meter: command durations and the pool
            Assert.True(scrape.Value("db_client_operation_duration_seconds_count") >= 1, scrape.Body);
        // An IPv4 client on a dual-stack socket arrives as ::ffff:127.0.0.1; it is still loopback.
        Assert.Equal(200, (await host.ScrapeAsync(from: "::ffff:127.0.0.1")).Status);
    }

    [Fact]
    public async Task Other_addresses_and_proxied_requests_get_the_apps_ordinary_not_found()
    {
        await using var host = Scraped();
        var absent = await host.ScrapeAsync(from: "127.0.0.1");
        await using var off = app.WithWebHostBuilder(_ => { });

        var outsider = await host.ScrapeAsync(from: "203.0.113.9");
        // A reverse proxy on the same host makes a visitor look local; the header gives it away.
        var proxied = await host.ScrapeAsync(from: "127.0.0.1", forwardedFor: "203.0.113.9");

        Assert.Equal(200, absent.Status);
        Assert.Equal((404, false), (outsider.Status, outsider.Body.Contains("# TYPE", StringComparison.Ordinal)));
        Assert.Equal((404, false), (proxied.Status, proxied.Body.Contains("# TYPE", StringComparison.Ordinal)));
        Assert.Equal((await off.ScrapeAsync(from: "203.0.113.9")).Body, outsider.Body);
    }

    [Fact]
    public async Task The_operators_networks_replace_loopback_as_a_list_or_as_one_environment_value()
    {
        await using var listed = Scraped(("Observability:Prometheus:AllowedNetworks:0", "203.0.113.0/24"), ("Observability:Prometheus:AllowedNetworks:1", "2001:db8::/32"));
        await using var joined = Scraped(("Observability:Prometheus:AllowedNetworks", "10.1.0.0/16, 192.0.2.7/32"));

        Assert.Equal(200, (await listed.ScrapeAsync(from: "203.0.113.9")).Status);
        Assert.Equal(200, (await listed.ScrapeAsync(from: "2001:db8::5")).Status);
        Assert.Equal(404, (await listed.ScrapeAsync(from: "127.0.0.1")).Status);
        Assert.Equal(404, (await listed.ScrapeAsync(from: "198.51.100.1")).Status);
        Assert.Equal(200, (await joined.ScrapeAsync(from: "10.1.200.3")).Status);
        Assert.Equal(200, (await joined.ScrapeAsync(from: "192.0.2.7")).Status);
        Assert.Equal(404, (await joined.ScrapeAsync(from: "192.0.2.8")).Status);
    }

    [Theory]
    [InlineData("Observability:Prometheus:AllowedNetworks", "10.0.0.0/8, 10.0.0.0/33", "Observability:Prometheus:AllowedNetworks: '10.0.0.0/33'")]
    [InlineData("Observability:Otlp:Endpoint", "collector:4317", "Observability:Otlp:Endpoint 'collector:4317'")]
    [InlineData("Observability:Otlp:Protocol", "udp", "Observability:Otlp:Protocol 'udp'")]
    public void A_setting_that_makes_no_sense_stops_the_start_with_its_name(string key, string value, string message)
    {
        using var host = Scraped(("Observability:Otlp:Endpoint", "http://127.0.0.1:4317"), (key, value));

        var error = Assert.Throws<InvalidOperationException>(() => host.Server);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
