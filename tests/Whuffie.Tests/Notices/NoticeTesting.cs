using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Deliveries;
using Whuffie.Notices;
using Whuffie.Organizations;

namespace Whuffie.Tests.Notices;

/// <summary>What the notice tests share: an organization with its staff and topics, publishing, and running a channel by hand.</summary>
public static class NoticeTesting
{
    public static async Task<(string Org, Person Lars)> EnergyCompanyAsync(WhuffieFactory app)
    {
        var org = await app.CreateOrgAsync("energi", "Søborg Energi");
        var lars = await app.SignUpAsync("Lars");
        await app.GrantAsync(lars, org, OrgRole.Admin);
        foreach (var topic in new[] { "Søborg", "Gladsaxe" })
            (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notice-topics", new { name = topic })).EnsureSuccessStatusCode();
        return (org, lars);
    }

    public static async Task<JsonElement> PublishAsync(this Person staff, string org, string title, string body, params string[] topics)
    {
        var response = await staff.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices", new { title, body, severity = "critical", topics });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PostUpdateAsync(this Person staff, string org, int notice, string body, bool resolve = false)
    {
        var response = await staff.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/{notice}/updates", new { body, resolve });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Runs one channel's worker until nothing of its is due.</summary>
    public static async Task RunChannelAsync(this WebApplicationFactory<Program> host, Channel channel)
    {
        var workers = host.Services.GetRequiredService<DeliveryWorkers>();
        while (await workers.RunOnceAsync(channel, default) > 0) { }
    }

    public static Task<List<Delivery>> DeliveriesAsync(this WhuffieFactory app, string org, Channel channel) =>
        app.InOrgAsync(org, db => db.Deliveries.AsNoTracking().Where(d => d.Channel == channel).OrderBy(d => d.Id).ToListAsync());

    /// <summary>Subscribers added straight to the database, already confirmed: for tests about sending, not subscribing.</summary>
    public static Task AddConfirmedAsync(this WhuffieFactory app, string org, Channel channel, IEnumerable<string> addresses) =>
        app.InOrgAsync(org, async db =>
        {
            var now = app.Now.AddDays(-1);
            db.NoticeSubscriptions.AddRange(addresses.Select(a => new NoticeSubscription
            {
                Channel = channel,
                Address = a,
                Language = "da",
                AllTopics = true,
                Token = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
                ConfirmedAt = now,
            }));
            return await db.SaveChangesAsync();
        });

    public static async Task ConfigureAsync(this Person admin, string org, object settings) =>
        (await admin.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/notice-channels", settings)).EnsureSuccessStatusCode();

    public static async Task<JsonElement> ReportAsync(this Person staff, string org, int notice) =>
        await staff.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notices/{notice}/deliveries");

    public static JsonElement Counts(this JsonElement report, string channel) =>
        report.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == channel);
}
