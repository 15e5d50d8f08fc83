using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Deliveries;
using Whuffie.Web;

namespace Whuffie.Tests.Notices;

/// <summary>
/// An organization's webhooks hear of its ideas: created, status changed, launched. Each event
/// is written with the change and sent through the webhook queue, signed (the fake receiver
/// checks the signature and answers 401 when it does not match).
/// </summary>
[Trait(Clocks.Trait, Clocks.Wall)]
public sealed class IdeaEventWebhooks(WhuffieFactory app, Receivers receivers) : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>
{
    [Fact]
    public async Task Creating_moving_and_launching_an_idea_each_reach_the_webhook_signed_with_its_type_and_data()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var hook = await HookAsync(org, lars);
        var sofie = await app.SignUpAsync("Sofie");

        var number = await sofie.SubmitIdeaAsync(org, "Ladestandere ved biblioteket", "Gerne fire.");
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, number, "planned", "Vi sætter dem op i **marts**."));
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, number, "launched", "Fire standere er i drift."));
        await app.RunChannelAsync(Channel.Webhook);

        var deliveries = await app.DeliveriesAsync(org, Channel.Webhook);
        Assert.All(deliveries, d => Assert.Equal((DeliveryKind.IdeaEvent, DeliveryState.Sent), (d.Kind, d.State)));
        var got = receivers.Got("webhook").Where(r => r.Path.EndsWith(hook, StringComparison.Ordinal)).OrderBy(r => r.Header("webhook-id")!.Length).ThenBy(r => r.Header("webhook-id"), StringComparer.Ordinal).ToList();
        Assert.Equal(deliveries.Select(d => d.MessageId), got.Select(r => r.Header("webhook-id")));
        var events = got.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["idea.created", "idea.status_changed", "idea.status_changed", "idea.launched"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.True(e.GetProperty("timestamp").TryGetDateTimeOffset(out _)));

        var site = app.Services.GetRequiredService<IConfiguration>().SiteUrl();
        var created = events[0].GetProperty("data");
        Assert.Equal(org, created.GetProperty("organization").GetString());
        Assert.Equal(number, created.GetProperty("number").GetInt32());
        Assert.Equal("Ladestandere ved biblioteket", created.GetProperty("title").GetString());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.Equal($"{site}/{org}/ideas/{number}", created.GetProperty("url").GetString());
        Assert.True(Uri.IsWellFormedUriString(created.GetProperty("url").GetString(), UriKind.Absolute));

        var planned = events[1].GetProperty("data");
        Assert.Equal(("open", "planned"), (planned.GetProperty("previousStatus").GetString(), planned.GetProperty("status").GetString()));
        Assert.Equal("Vi sætter dem op i **marts**.", planned.GetProperty("answer").GetString());
        var launched = events[3].GetProperty("data");
        Assert.Equal(("planned", "launched"), (launched.GetProperty("previousStatus").GetString(), launched.GetProperty("status").GetString()));
        Assert.Equal(events[2].GetProperty("data").GetRawText(), launched.GetRawText());
        // Nothing private travels: no author, no addresses.
        Assert.DoesNotContain("@", string.Join("", got.Select(r => r.Body)), StringComparison.Ordinal);
        Assert.DoesNotContain("Sofie", string.Join("", got.Select(r => r.Body)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organizations_ideas_stay_out_and_an_organization_without_webhooks_writes_no_rows()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var hook = await HookAsync(org, lars);
        var other = await app.CreateOrgAsync("malmo", "Malmö Energi");
        var bo = await app.StaffOfAsync(other, "Bo");

        var theirs = await bo.SubmitIdeaAsync(other, "Laddstolpar vid biblioteket");
        await Expect.JsonAsync(await bo.ChangeStatusAsync(other, theirs, "launched", "Klart."));
        await app.RunChannelAsync(Channel.Webhook);

        Assert.Empty(await app.DeliveriesAsync(other, Channel.Webhook));
        Assert.DoesNotContain(receivers.Got("webhook"), r => r.Path.EndsWith(hook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_same_event_under_the_same_message_id_when_it_is_back()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var hook = await HookAsync(org, lars);
        receivers.WebhookFailures = 1;
        await lars.SubmitIdeaAsync(org, "Solceller på hallen");
        await app.RunChannelAsync(Channel.Webhook);
        var delivery = (await app.DeliveriesAsync(org, Channel.Webhook)).Single();
        Assert.Equal((DeliveryState.Pending, 1), (delivery.State, delivery.Attempts));
        Assert.StartsWith("503", delivery.Response, StringComparison.Ordinal);

        // Skip the wait instead of sleeping through it.
        var past = app.Now.AddDays(-1);
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, past)));
        await app.RunChannelAsync(Channel.Webhook);

        Assert.Equal(DeliveryState.Sent, (await app.DeliveriesAsync(org, Channel.Webhook)).Single().State);
        var got = receivers.Got("webhook").Where(r => r.Path.EndsWith(hook, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, got.Count);
        Assert.All(got, r => Assert.Equal(delivery.MessageId, r.Header("webhook-id")));
        Assert.Equal(got[0].Body, got[1].Body);
    }

    [Fact]
    public async Task Events_for_a_deleted_webhook_are_dropped_not_retried()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var hook = await HookAsync(org, lars);
        await lars.SubmitIdeaAsync(org, "Varmepumper til alle");
        var id = await app.InOrgAsync(org, db => db.Webhooks.Select(h => h.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await lars.Client.DeleteAsync($"/api/v1/orgs/{org}/webhooks/{id}")).StatusCode);
        await app.RunChannelAsync(Channel.Webhook);

        var delivery = (await app.DeliveriesAsync(org, Channel.Webhook)).Single();
        Assert.Equal((DeliveryState.Gone, "the recipient is gone (unsubscribed or removed)"), (delivery.State, delivery.Response));
        Assert.DoesNotContain(receivers.Got("webhook"), r => r.Path.EndsWith(hook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhook_can_choose_its_events_and_an_unknown_event_is_refused()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var url = $"{receivers.Url}/hooks/none";
        await Expect.InvalidFieldAsync(await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url, events = new[] { "idea.deleted" } }), "events");
        await Expect.InvalidFieldAsync(await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url, events = Array.Empty<string>() }), "events");
        var hook = await HookAsync(org, lars, ["notice.resolved", "Idea.Launched"]);
        var listed = await Expect.JsonAsync(await lars.Client.GetAsync($"/api/v1/orgs/{org}/webhooks"));
        Assert.Equal(["notice.resolved", "idea.launched"], listed[0].GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var number = await lars.SubmitIdeaAsync(org, "Fjernvarme i Gladsaxe");
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, number, "launched", "Tilsluttet."));
        var notice = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        await lars.PostUpdateAsync(org, notice, "Strømmen er tilbage.", resolve: true);
        await app.RunChannelAsync(Channel.Webhook);

        var types = receivers.Got("webhook").Where(r => r.Path.EndsWith(hook, StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["idea.launched", "notice.resolved"], types);
    }

    [Fact]
    public async Task The_longest_answer_travels_whole()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var hook = await HookAsync(org, lars);
        var number = await lars.SubmitIdeaAsync(org, "Ærlige elpriser");
        // Every "æ" is six characters once escaped in JSON: far more than a bounded payload column holds.
        var answer = new string('æ', Whuffie.Ideas.StatusChange.AnswerMaxLength);
        await Expect.JsonAsync(await lars.ChangeStatusAsync(org, number, "planned", answer));
        await app.RunChannelAsync(Channel.Webhook);

        var changed = receivers.Got("webhook").Where(r => r.Path.EndsWith(hook, StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement).Single(e => e.GetProperty("type").GetString() == "idea.status_changed");
        Assert.Equal(answer, changed.GetProperty("data").GetProperty("answer").GetString());
    }

    /// <summary>Registers a webhook at the fake receiver and tells it the secret; the receiver's path name.</summary>
    private async Task<string> HookAsync(string org, Person admin, string[]? events = null)
    {
        var name = WhuffieFactory.Unique("ideas");
        var created = await Expect.JsonAsync(await admin.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"{receivers.Url}/hooks/{name}", events }), HttpStatusCode.Created);
        receivers.WebhookSecrets[name] = created.GetProperty("secret").GetString()!;
        return name;
    }
}
