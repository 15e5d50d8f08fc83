using Microsoft.EntityFrameworkCore;
using Whuffie.Deliveries;

namespace Whuffie.Tests.Notices;

/// <summary>Failed deliveries come back with growing, jittered waits; after the limit they are failed for staff to see and retry by hand.</summary>
public sealed class RetryingDeliveries(WhuffieFactory app, Receivers receivers) : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>
{
    [Theory]
    [InlineData(1, 2.5, 5)]
    [InlineData(2, 5, 10)]
    [InlineData(4, 20, 40)]
    [InlineData(30, 1800, 3600)]
    public void Retries_wait_longer_each_time_between_half_and_all_of_the_step(int attempt, double least, double most)
    {
        Assert.Equal(least, DeliveryQueue.RetryDelay(attempt, 0).TotalSeconds, 3);
        Assert.Equal(most, DeliveryQueue.RetryDelay(attempt, 1).TotalSeconds, 3);
    }

    [Fact]
    public async Task After_the_last_attempt_a_delivery_is_failed_and_staff_can_send_it_again()
    {
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("Notices:MaxAttempts", "2"));
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        await app.AddConfirmedAsync(org, Channel.Sms, ["+4530000001"]);
        receivers.SmsStatus = 500;
        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();

        var past = app.Now.AddDays(-1);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await host.RunChannelAsync(Channel.Sms);
            // Skip the wait instead of sleeping through it.
            await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Channel == Channel.Sms && d.DueAt != null).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, past)));
        }
        var report = await lars.ReportAsync(org, id);
        Assert.Equal(1, report.Counts("sms").GetProperty("failed").GetInt32());
        Assert.Equal(2, report.GetProperty("failures")[0].GetProperty("attempts").GetInt32());
        Assert.Equal("…0001", report.GetProperty("failures")[0].GetProperty("recipient").GetString());

        receivers.SmsStatus = 200;
        var retried = await (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/{id}/deliveries/retry", new { channel = "sms" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, retried.Counts("sms").GetProperty("pending").GetInt32());
        await host.RunChannelAsync(Channel.Sms);
        Assert.Equal(1, (await lars.ReportAsync(org, id)).Counts("sms").GetProperty("sent").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/{id}/deliveries/retry", new { channel = "pigeon" })).StatusCode);
    }

    [Fact]
    public async Task A_batch_whose_lease_runs_out_keeps_what_it_sent_and_sends_only_the_rest_again()
    {
        // The send timeout (10 s) is longer than the lease: the lease is what ends the batch.
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("Notices:Lease", "00:00:02"));
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        string[] phones = ["+4530000011", "+4530000012", "+4530000013"];
        await app.AddConfirmedAsync(org, Channel.Sms, phones);
        receivers.SmsHangsFor = phones[2];
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.");

        await host.RunChannelAsync(Channel.Sms);
        var rows = await app.DeliveriesAsync(org, Channel.Sms);
        Assert.Equal(2, rows.Count(r => r.State == DeliveryState.Sent));
        var cut = Assert.Single(rows, r => r.State == DeliveryState.Pending);
        Assert.Contains("cut short", cut.Response);

        receivers.SmsHangsFor = null;
        var past = app.Now.AddDays(-1);
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Channel == Channel.Sms && d.DueAt != null).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, past)));
        await host.RunChannelAsync(Channel.Sms);
        Assert.All(await app.DeliveriesAsync(org, Channel.Sms), r => Assert.Equal(DeliveryState.Sent, r.State));
        // Only the text that never got its answer went twice, with the same reference both times.
        var texts = receivers.Got("sms").Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Where(j => phones.Contains(j.GetProperty("to").GetString())).ToList();
        Assert.Equal([1, 1, 2], phones.Select(p => texts.Count(t => t.GetProperty("to").GetString() == p)));
        Assert.Single(texts.Where(t => t.GetProperty("to").GetString() == phones[2]).Select(t => t.GetProperty("reference").GetString()).Distinct());
    }
}
