using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Whuffie.Deliveries;

namespace Whuffie.Tests.Notices;

/// <summary>
/// Seed 001's "channel redundancy" only helps if one dead channel cannot hold up the others:
/// with Mastodon hanging and the SMS gateway failing, email and webhooks still arrive at once,
/// driven by the real worker loops, and the trouble shows in the delivery view.
/// </summary>
[Trait(Clocks.Trait, Clocks.Wall)]
public sealed class ChannelIndependence(WhuffieFactory app, SmtpServer smtp, Receivers receivers)
    : IClassFixture<WhuffieFactory>, IClassFixture<SmtpServer>, IClassFixture<Receivers>
{
    [Fact]
    public async Task A_hanging_Mastodon_and_a_failing_SMS_gateway_do_not_delay_email_and_webhooks()
    {
        await using var running = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Notices:Enabled", "true");
            b.UseSetting("Notices:PollInterval", "00:00:00.200");
            b.UseSetting("Notices:SendTimeout", "00:00:30");
            b.UseSetting("Mail:Host", "127.0.0.1");
            b.UseSetting("Mail:Port", smtp.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Mail:Security", "None");
            b.UseSetting("Mail:From", SmtpServer.SenderAddress);
        });
        _ = running.Server;
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        receivers.MastodonHangs = true;
        receivers.SmsStatus = 503;
        await lars.ConfigureAsync(org, new { mastodonUrl = receivers.Url, mastodonToken = Receivers.MastodonToken, smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        var hook = WhuffieFactory.Unique("hook");
        var secret = (await (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"{receivers.Url}/hooks/{hook}" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("secret").GetString()!;
        receivers.WebhookSecrets[hook] = secret;
        await app.AddConfirmedAsync(org, Channel.Email, Enumerable.Range(0, 40).Select(i => $"kunde{i}.{org}@example.dk"));
        await app.AddConfirmedAsync(org, Channel.Sms, Enumerable.Range(0, 5).Select(i => $"+45300000{i:D2}"));

        var published = app.Now;
        var clock = Stopwatch.StartNew();
        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        JsonElement report;
        do
        {
            await Task.Delay(100);
            report = await lars.ReportAsync(org, id);
        }
        while ((report.Counts("email").GetProperty("sent").GetInt32() < 40 || report.Counts("webhook").GetProperty("sent").GetInt32() < 1) && clock.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal(40, report.Counts("email").GetProperty("sent").GetInt32());
        Assert.Equal(1, report.Counts("webhook").GetProperty("sent").GetInt32());
        // Well inside the Mastodon send timeout: nothing waited for the hanging channel.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"email and webhooks took {clock.Elapsed}");
        Assert.Equal(40, smtp.Received().Count(m => m.RcptTos.Any(r => r.EndsWith($".{org}@example.dk", StringComparison.Ordinal))));

        // Mastodon is still hanging, SMS is waiting for its retry; staff see why.
        Assert.Equal(1, report.Counts("mastodon").GetProperty("pending").GetInt32());
        Assert.Equal(5, report.Counts("sms").GetProperty("pending").GetInt32());
        var smsFailures = report.GetProperty("failures").EnumerateArray().Where(f => f.GetProperty("channel").GetString() == "sms").ToList();
        Assert.Equal(5, smsFailures.Count);
        Assert.All(smsFailures, f => Assert.StartsWith("503", f.GetProperty("response").GetString(), StringComparison.Ordinal));
        var due = await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Channel == Channel.Sms).Select(d => d.DueAt).ToListAsync());
        // Each failed SMS waits for its retry (5 s at first, with jitter), instead of hammering the gateway.
        Assert.All(due, d => Assert.True(d > published.AddSeconds(2), $"retry due {d:o}, published {published:o}"));
        receivers.MastodonHangs = false;
    }
}
