using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Whuffie.Deliveries;

namespace Whuffie.Tests.Notices;

/// <summary>
/// Each channel against its receiver on loopback: email through a real SMTP server (aiosmtpd),
/// and small fakes that follow the published API documents for Mastodon, an SMS gateway, a
/// Standard Webhooks receiver (which checks the signature) and a WebSub hub.
/// </summary>
[Trait(Clocks.Trait, Clocks.Wall)]
public sealed class DeliveringOnEveryChannel(WhuffieFactory app, SmtpServer smtp, Receivers receivers)
    : IClassFixture<WhuffieFactory>, IClassFixture<SmtpServer>, IClassFixture<Receivers>
{
    private WebApplicationFactory<Program> Mailing() => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Mail:Host", "127.0.0.1");
        b.UseSetting("Mail:Port", smtp.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseSetting("Mail:Security", "None");
        b.UseSetting("Mail:From", SmtpServer.SenderAddress);
        b.UseSetting("Site:Url", "https://whuffie.test");
    });

    [Fact]
    public async Task Email_needs_the_confirmation_link_then_carries_the_notice_with_its_message_id_and_a_one_click_way_out()
    {
        await using var mailing = Mailing();
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var anonymous = app.CreateClient();
        var address = $"{WhuffieFactory.Unique("sofie")}@example.dk";
        var subscribed = await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "email", address, language = "da" });
        Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);

        // Not yet confirmed: a notice now reaches nobody by email.
        var early = (await lars.PublishAsync(org, "Prøvealarm", "Kun en prøve.")).GetProperty("id").GetInt32();
        Assert.Equal(0, (await lars.ReportAsync(org, early)).GetProperty("channels").GetArrayLength());

        await mailing.RunChannelAsync(Channel.Email);
        var confirmMail = smtp.Received().Single(m => m.RcptTos.Contains(address));
        var link = System.Text.RegularExpressions.Regex.Match(confirmMail.Parts[0].Content, @"https://whuffie\.test(/\S+/status/confirm\?token=\w+)").Groups[1].Value;
        Assert.NotEmpty(link);
        var browser = app.Browse();
        await browser.GetAsync(link);
        Assert.Contains("name=\"Token\"", browser.Html, StringComparison.Ordinal);
        var token = new Uri("https://x" + link).Query.Split('=')[1];
        (await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions/confirm", new { token })).EnsureSuccessStatusCode();

        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        await mailing.RunChannelAsync(Channel.Email);
        var delivery = (await app.DeliveriesAsync(org, Channel.Email)).Last();
        Assert.Equal(DeliveryState.Sent, delivery.State);
        var mail = smtp.Received().Single(m => m.RcptTos.Contains(address) && m.Header("X-Whuffie-Message-Id") == delivery.MessageId);
        Assert.Contains("Strømafbrydelse i Søborg", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(delivery.MessageId, mail.Header("Message-ID"), StringComparison.Ordinal);
        Assert.Contains("Forventet tilbage kl. 14.", mail.Parts[0].Content, StringComparison.Ordinal);
        Assert.Equal(1, (await lars.ReportAsync(org, id)).Counts("email").GetProperty("sent").GetInt32());

        // What a mail provider's unsubscribe button does: one bare POST.
        var unsubscribe = new Uri(mail.Header("List-Unsubscribe")!.Trim('<', '>'));
        using var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        (await stranger.PostAsync(unsubscribe.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
        var next = (await lars.PublishAsync(org, "Ny afbrydelse", "Igen.")).GetProperty("id").GetInt32();
        Assert.Equal(0, (await lars.ReportAsync(org, next)).GetProperty("channels").GetArrayLength());
    }

    [Fact]
    public async Task Someone_who_leaves_before_their_turn_gets_nothing_and_their_delivery_counts_as_gone()
    {
        await using var mailing = Mailing();
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var (staying, leaving) = ($"{WhuffieFactory.Unique("bo")}@example.dk", $"{WhuffieFactory.Unique("ida")}@example.dk");
        await app.AddConfirmedAsync(org, Channel.Email, [staying, leaving]);
        var id = (await lars.PublishAsync(org, "Vandafbrydelse", "Hele dagen.")).GetProperty("id").GetInt32();

        var token = await app.InOrgAsync(org, db => db.NoticeSubscriptions.Where(s => s.Address == leaving).Select(s => s.Token).SingleAsync());
        (await app.CreateClient().DeleteAsync($"/api/v1/orgs/{org}/notices/subscriptions/{token}")).EnsureSuccessStatusCode();
        await mailing.RunChannelAsync(Channel.Email);

        Assert.Contains(smtp.Received(), m => m.RcptTos.Contains(staying));
        Assert.DoesNotContain(smtp.Received(), m => m.RcptTos.Contains(leaving));
        var email = (await lars.ReportAsync(org, id)).Counts("email");
        Assert.Equal((1, 1, 0), (email.GetProperty("sent").GetInt32(), email.GetProperty("gone").GetInt32(), email.GetProperty("pending").GetInt32()));
    }

    [Fact]
    public async Task Sms_goes_through_the_gateway_after_the_code_and_the_gateways_answer_is_kept()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        var phone = "+4520" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "sms", address = phone, topics = new[] { "soeborg" } })).StatusCode);
        await app.RunChannelAsync(Channel.Sms);
        var codeSms = receivers.Got("sms").Select(r => JsonDocument.Parse(r.Body).RootElement).Single(r => r.GetProperty("to").GetString() == phone);
        var code = System.Text.RegularExpressions.Regex.Match(codeSms.GetProperty("text").GetString()!, @"\d{6}").Value;

        var wrong = await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions/confirm", new { address = phone, code = code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        (await anonymous.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions/confirm", new { address = phone, code })).EnsureSuccessStatusCode();

        // Only the topic chosen: a notice about Gladsaxe does not reach a Søborg subscriber.
        await lars.PublishAsync(org, "Vand i Gladsaxe", "Kog vandet.", "gladsaxe");
        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.", "soeborg")).GetProperty("id").GetInt32();
        await app.RunChannelAsync(Channel.Sms);
        var texts = receivers.Got("sms").Select(r => JsonDocument.Parse(r.Body).RootElement).Where(r => r.GetProperty("to").GetString() == phone).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains("Strømafbrydelse i Søborg", texts[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/{org}/status/unsubscribe?token=", texts[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        var delivery = (await app.DeliveriesAsync(org, Channel.Sms)).Last();
        Assert.Equal(texts[1].GetProperty("reference").GetString(), delivery.MessageId);
        // The status line only: what a gateway writes in its body is not ours to keep or show.
        Assert.Equal("200 OK", delivery.Response);
        Assert.Equal(1, (await lars.ReportAsync(org, id)).Counts("sms").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task Mastodon_posts_updates_as_replies_in_one_thread_and_a_retry_never_posts_twice()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { mastodonUrl = receivers.Url, mastodonToken = Receivers.MastodonToken });
        var before = receivers.Got("mastodon").Count;
        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        await lars.PostUpdateAsync(org, id, "Strømmen er tilbage kl. 13.40.", resolve: true);
        await app.RunChannelAsync(Channel.Mastodon);

        var posts = receivers.Got("mastodon").Skip(before).ToList();
        Assert.Equal(2, posts.Count);
        var first = System.Web.HttpUtility.ParseQueryString(posts[0].Body);
        var second = System.Web.HttpUtility.ParseQueryString(posts[1].Body);
        Assert.Null(first["in_reply_to_id"]);
        Assert.Equal(first["id"], second["in_reply_to_id"]);
        Assert.Equal("public", first["visibility"]);
        var deliveries = await app.DeliveriesAsync(org, Channel.Mastodon);
        Assert.Equal(deliveries[^2].MessageId, posts[0].Header("Idempotency-Key"));

        // The answer got lost and the delivery runs again: the same Idempotency-Key, so no second post.
        var lastId = deliveries[^1].Id;
        var past = app.Now.AddDays(-1);
        await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Id == lastId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.DueAt, past)));
        await app.RunChannelAsync(Channel.Mastodon);
        Assert.Equal(2, receivers.Got("mastodon").Count - before);
        Assert.Equal(DeliveryState.Sent, (await app.DeliveriesAsync(org, Channel.Mastodon)).Last().State);
    }

    [Fact]
    public async Task Webhooks_are_signed_so_the_receiver_accepts_them_and_the_secret_is_shown_once()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var name = WhuffieFactory.Unique("hook");
        var created = await (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"{receivers.Url}/hooks/{name}" })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        receivers.WebhookSecrets[name] = secret;
        var listed = await lars.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/webhooks");
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.NotEqual(secret, await app.InOrgAsync(org, db => db.Webhooks.Select(h => h.Secret).SingleAsync()));

        var id = (await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.")).GetProperty("id").GetInt32();
        await app.RunChannelAsync(Channel.Webhook);
        var delivery = (await app.DeliveriesAsync(org, Channel.Webhook)).Single();
        Assert.Equal(DeliveryState.Sent, delivery.State);
        var got = receivers.Got("webhook").Single(r => r.Path.EndsWith(name, StringComparison.Ordinal));
        Assert.Equal(delivery.MessageId, got.Header("webhook-id"));
        var body = JsonDocument.Parse(got.Body).RootElement;
        Assert.Equal("notice.published", body.GetProperty("type").GetString());
        Assert.Equal(delivery.MessageId, body.GetProperty("data").GetProperty("messageId").GetString());
        Assert.Equal(id, body.GetProperty("data").GetProperty("notice").GetProperty("id").GetInt32());

        // A receiver with another secret refuses the signature: the delivery is failed, with its answer.
        receivers.WebhookSecrets[name] = "whsec_" + Convert.ToBase64String(new byte[24]);
        var next = (await lars.PublishAsync(org, "Igen", "Igen.")).GetProperty("id").GetInt32();
        await app.RunChannelAsync(Channel.Webhook);
        var report = await lars.ReportAsync(org, next);
        Assert.Equal(1, report.Counts("webhook").GetProperty("failed").GetInt32());
        Assert.StartsWith("401", report.GetProperty("failures")[0].GetProperty("response").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_secrets_are_encrypted_at_rest_shown_masked_and_send_test_reaches_the_receiver()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { mastodonUrl = receivers.Url, mastodonToken = Receivers.MastodonToken, webSubHub = receivers.Url + "/hub" });
        var shown = await lars.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notice-channels");
        Assert.Equal("••••" + Receivers.MastodonToken[^4..], shown.GetProperty("mastodonToken").GetString());
        var stored = await app.InOrgAsync(org, db => db.ChannelSettings.Select(s => s.MastodonToken).SingleAsync());
        Assert.DoesNotContain(Receivers.MastodonToken, stored!, StringComparison.Ordinal);

        var test = await (await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notice-channels/mastodon/test", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.GetRawText());
        // Staff without the admin role see no credentials.
        var staff = await app.StaffOfAsync(org, "Mette");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/v1/orgs/{org}/notice-channels")).StatusCode);

        // The hub hears of the organization's feed on every update.
        await lars.PublishAsync(org, "Strømafbrydelse i Søborg", "Forventet tilbage kl. 14.", "soeborg");
        await app.RunChannelAsync(Channel.WebSub);
        var pings = receivers.Got("websub").Select(r => System.Web.HttpUtility.ParseQueryString(r.Body)).Where(q => q["hub.url"]!.Contains($"/{org}/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["publish", "publish"], pings.Select(p => p["hub.mode"]));
        Assert.Contains(pings, p => p["hub.url"]!.EndsWith($"/{org}/status/soeborg.atom", StringComparison.Ordinal));
    }
}
