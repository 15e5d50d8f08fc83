using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Background;
using Whuffie.Deliveries;

namespace Whuffie.Tests.Notices;

/// <summary>
/// A notice to 200,000 people leaves 200,000 rows; once a day those done with for a month are
/// pruned, leaving their counts behind, so the delivery report staff read never changes.
/// </summary>
public sealed class PruningDeliveries(WhuffieFactory app, Receivers receivers) : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>
{
    private static readonly string[] Phones = ["+4531000001", "+4531000002", "+4531000003", "+4531000004"];

    [Fact]
    public async Task Month_old_sent_deliveries_are_pruned_and_the_report_still_counts_them()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        await app.AddConfirmedAsync(org, Channel.Sms, Phones);
        // A stranger's subscription leaves a confirmation text behind.
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "sms", address = "+4531000009" })).StatusCode);
        var old = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        await lars.PostUpdateAsync(org, old, "Strømmen er tilbage kl. 13.40.", resolve: true);
        await app.RunChannelAsync(Channel.Sms);
        // Two of the first update's texts ended otherwise: one refused for good, one to a number since gone.
        var firstTwo = (await app.DeliveriesAsync(org, Channel.Sms)).Where(d => d.Kind == DeliveryKind.Notice).Take(2).Select(d => d.Id).ToList();
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Id == firstTwo[0]).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.Response, "HTTP 400 unknown number")));
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Id == firstTwo[1]).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Gone)));
        var monthAgo = app.Now.AddDays(-31);
        await app.InOrgAsync(org, db => db.Deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedAt, monthAgo)));
        var recent = (await lars.PublishAsync(org, "Vandafbrydelse i Gladsaxe", "Forventet tilbage i aften.")).GetProperty("id").GetInt32();
        await app.RunChannelAsync(Channel.Sms);

        var oldReport = (await lars.ReportAsync(org, old)).GetRawText();
        var recentReport = (await lars.ReportAsync(org, recent)).GetRawText();
        await PruneAsync();

        Assert.Equal(oldReport, (await lars.ReportAsync(org, old)).GetRawText());
        Assert.Equal(recentReport, (await lars.ReportAsync(org, recent)).GetRawText());
        var left = await app.DeliveriesAsync(org, Channel.Sms);
        // The failed text stays for staff to retry; the new notice's rows are not a month old.
        Assert.Equal(firstTwo[0], Assert.Single(left, d => d.CreatedAt < monthAgo.AddDays(1)).Id);
        Assert.Equal(Phones.Length, left.Count(d => d.CreatedAt > monthAgo.AddDays(1)));
        Assert.DoesNotContain(left, d => d.Kind == DeliveryKind.Confirm);

        // A second run finds nothing more to count: nothing counted twice.
        await PruneAsync();
        Assert.Equal(oldReport, (await lars.ReportAsync(org, old)).GetRawText());

        // The failed one can still be retried by hand, and then counts as sent.
        (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/{old}/deliveries/retry", new { channel = "sms" })).EnsureSuccessStatusCode();
        await app.RunChannelAsync(Channel.Sms);
        var sms = (await lars.ReportAsync(org, old)).Counts("sms");
        Assert.Equal((2 * Phones.Length - 1, 0, 0, 1), (sms.GetProperty("sent").GetInt32(), sms.GetProperty("pending").GetInt32(),
            sms.GetProperty("failed").GetInt32(), sms.GetProperty("gone").GetInt32()));

        // The counts stay the organization's own, and the next prune is tomorrow at three.
        var other = await app.CreateOrgAsync("gladsaxe", "Gladsaxe Kommune");
        Assert.Equal(0, await app.InOrgAsync(other, db => db.DeliveryTotals.CountAsync()));
        var next = await app.InOrgAsync(org, db => db.Jobs.Where(j => j.Kind == PruneDeliveriesJob.Kind && j.CompletedAt == null).Select(j => j.DueAt).SingleAsync());
        Assert.Equal(PruneDeliveriesJob.Hour, next!.Value.Hour);
        Assert.InRange(next.Value - app.Now, TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task Deliveries_keep_their_rows_for_as_long_as_the_setting_says()
    {
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("Notices:KeepDeliveries", "90.00:00:00"));
        var (org, _) = await TextedDaysAgoAsync(60);

        await PruneAsync(host);

        Assert.Equal(Phones.Length, (await app.DeliveriesAsync(org, Channel.Sms)).Count(d => d.State == DeliveryState.Sent));
    }

    [Fact]
    public async Task A_notice_published_after_a_prune_is_claimed_from_its_own_first_row()
    {
        var (org, lars) = await TextedDaysAgoAsync(31);
        await PruneAsync();

        // The newest rows are gone, but ids are never drawn twice: the cursor must start at the new
        // rows, not after the largest id left, or every claim would walk the gap in between.
        await lars.PublishAsync(org, "Strømmen er tilbage", "Alle har strøm igen.");
        var rows = await app.DeliveriesAsync(org, Channel.Sms);
        var fanOut = await app.InOrgAsync(org, db => db.FanOuts.AsNoTracking().SingleAsync(f => f.Channel == Channel.Sms && f.NoticeUpdateId == rows[0].NoticeUpdateId));
        Assert.Equal(rows.Min(r => r.Id), fanOut.NextId);
        Assert.Equal(rows.Max(r => r.Id), fanOut.LastId);
    }

    /// <summary>A notice texted to <see cref="Phones"/>, its deliveries made <paramref name="days"/> old.</summary>
    private async Task<(string Org, Person Lars)> TextedDaysAgoAsync(int days)
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        await app.AddConfirmedAsync(org, Channel.Sms, Phones);
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.");
        await app.RunChannelAsync(Channel.Sms);
        var then = app.Now.AddDays(-days);
        await app.InOrgAsync(org, db => db.Deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedAt, then)));
        return (org, lars);
    }

    /// <summary>Runs the daily job now instead of at three in the morning.</summary>
    private async Task PruneAsync(WebApplicationFactory<Program>? host = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.WhuffieDb>();
        await db.Jobs.Where(j => j.Kind == PruneDeliveriesJob.Kind && j.CompletedAt == null).ExecuteDeleteAsync();
        var job = db.Enqueue(PruneDeliveriesJob.Kind, new { }, app.Now);
        await db.SaveChangesAsync();
        var worker = (host ?? app).Services.GetRequiredService<JobWorker>();
        while (await worker.RunNextAsync(default)) { }
        // The worker keeps a failed job's error instead of throwing it: look, or a failure would read as "nothing pruned".
        var done = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
        Assert.Null(done.LastError);
        Assert.NotNull(done.CompletedAt);
    }
}
