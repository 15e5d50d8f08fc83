using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Whuffie.Outbound;

/// <summary>
/// One HTTP client for every address someone else typed: connections judged by
/// <see cref="OutboundPolicy"/>, redirects not followed (a hop could lead anywhere, and a POST
/// turned into a GET would keep the admin's custom header), replies read only up to a bound, one
/// timeout for the whole call (decision 009).
/// </summary>
public static class OutboundSetup
{
    public const string ClientName = "outbound";

    public static void AddOutbound(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Outbound");
        builder.Services.AddOptions<OutboundOptions>().Bind(section).Configure(o =>
        {
            // Before there was an outbound section, the notice channels' timeout was the only one.
            if (section["Timeout"] is null && builder.Configuration.GetValue<TimeSpan?>("Notices:SendTimeout") is { } old) o.Timeout = old;
        }).Validate(o => o.MaxReplyBytes > 0 && o.Timeout > TimeSpan.Zero, "Outbound:MaxReplyBytes and Outbound:Timeout must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<OutboundPolicy>();
        builder.Services.AddHttpClient(ClientName, (sp, c) =>
        {
            var options = sp.GetRequiredService<IOptions<OutboundOptions>>().Value;
            c.Timeout = options.Timeout;
            c.MaxResponseContentBufferSize = options.MaxReplyBytes;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("Whuffie/1.0");
        }).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var policy = sp.GetRequiredService<OutboundPolicy>();
            var proxy = policy.Options.Proxy is { Length: > 0 } p ? new WebProxy(OutboundPolicy.ParseProxy(p)) : null;
            return new SocketsHttpHandler
            {
                ConnectCallback = policy.ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = proxy is not null,
                Proxy = proxy,
                ConnectTimeout = policy.Options.Timeout,
                MaxResponseHeadersLength = 64, // KiB
                // Connections are judged when made: keep them short-lived so a changed DNS answer is judged again soon.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.None,
            };
        });
        // A refused configuration stops the start, not the first send.
        builder.Services.AddHostedService<PolicyCheck>();
    }

    private sealed class PolicyCheck(OutboundPolicy policy) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => Task.FromResult(policy);
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}

/// <summary>Reading what another server answered, never more than the bound.</summary>
public static class BoundedReplies
{
    /// <summary>At most <paramref name="max"/> bytes of the body, as UTF-8 text; the rest is never read.</summary>
    public static async Task<string> ReadAsync(HttpResponseMessage response, int max, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[max];
        var length = 0;
        while (length < max && await stream.ReadAsync(buffer.AsMemory(length), ct) is > 0 and var read) length += read;
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
