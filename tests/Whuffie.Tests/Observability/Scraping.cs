using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Whuffie.Tests.Observability;

/// <summary>Asks the app's /metrics as Prometheus would, from a chosen network address (TestServer lets a test set it).</summary>
public static class Scraping
{
    public sealed record Scrape(int Status, string Body)
    {
        /// <summary>The value of the first sample of <paramref name="metric"/> carrying every one of <paramref name="labels"/> (e.g. channel="sms").</summary>
        public double? Value(string metric, params string[] labels) => Body.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(l => labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Select(l => (double?)double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();
    }

    public static async Task<Scrape> ScrapeAsync(this WebApplicationFactory<Program> host, string from, string? forwardedFor = null)
    {
        var http = await host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        using var reader = new StreamReader(http.Response.Body);
        return new(http.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
