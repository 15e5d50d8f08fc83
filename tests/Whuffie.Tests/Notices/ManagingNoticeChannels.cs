using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Whuffie.Tests.Notices;

/// <summary>
/// /{org}/admin/notices: an administrator sets up the notice channels and topics with plain forms,
/// through the same handlers as the API, against the fake receivers on loopback.
/// </summary>
[Trait(Clocks.Trait, Clocks.Wall)]
public sealed partial class ManagingNoticeChannels(WhuffieFactory app, Receivers receivers) : IClassFixture<WhuffieFactory>, IClassFixture<Receivers>
{
    [Fact]
    public async Task Mastodon_is_saved_by_form_the_token_shows_only_masked_and_send_test_reaches_the_server()
    {
        var (org, browser) = await AdminAsync();
        Assert.Contains($"href=\"/{org}/admin/notices\" aria-current=\"page\"", browser.Html, StringComparison.Ordinal);

        var saved = await browser.PostFormAsync(Page(org, "mastodon"), ("MastodonUrl", receivers.Url), ("MastodonToken", Receivers.MastodonToken));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/{org}/admin/notices?saved=mastodon#mastodon", saved.Headers.Location?.OriginalString);
        await browser.GetAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Saved.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Stored: ••••" + Receivers.MastodonToken[^4..], browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Receivers.MastodonToken, browser.Html, StringComparison.Ordinal);

        // Saving with the token field empty keeps the stored token.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(Page(org, "mastodon"), ("MastodonUrl", receivers.Url), ("MastodonToken", ""))).StatusCode);
        var before = receivers.Got("mastodon").Count;
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(Page(org, "test&channel=mastodon"))).StatusCode);
        Assert.Contains("The receiver took the test.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("A test from Søborg Energi", Assert.Single(receivers.Got("mastodon").Skip(before)).Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(Page(org, "mastodonClear"))).StatusCode);
        Assert.Null(await app.InOrgAsync(org, db => db.ChannelSettings.Select(s => s.MastodonToken).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await browser.PostFormAsync(Page(org, "test&channel=mastodon"))).StatusCode);
        Assert.Contains("This channel is not set up yet.", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_test_needs_a_phone_number_with_country_code_and_shows_what_the_gateway_answered()
    {
        var (org, browser) = await AdminAsync();
        Assert.Contains("{to}, {text}, {id}", browser.Html, StringComparison.Ordinal);
        var saved = await browser.PostFormAsync(Page(org, "sms"), ("SmsUrl", receivers.Url + "/sms"), ("SmsAuthHeader", Receivers.SmsAuth), ("SmsBodyTemplate", ""));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await browser.GetAsync($"/{org}/admin/notices");
        Assert.Contains("Stored: ••••" + Receivers.SmsAuth[^4..], browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("sms-gateway-key", browser.Html, StringComparison.Ordinal);

        var before = receivers.Got("sms").Count;
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "test&channel=sms"), ("To", "12345678"))).StatusCode);
        Assert.Contains("id=\"sms-to-error\">Write a mobile number with its country code", browser.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", browser.Html, StringComparison.Ordinal);
        Assert.Equal(before, receivers.Got("sms").Count);

        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(Page(org, "test&channel=sms"), ("To", "+4512345678"))).StatusCode);
        Assert.Contains("The receiver took the test.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("+4512345678", Assert.Single(receivers.Got("sms").Skip(before)).Body, StringComparison.Ordinal);

        receivers.SmsStatus = 503;
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(Page(org, "test&channel=sms"), ("To", "+4512345678"))).StatusCode);
            Assert.Contains("The test did not get through.", browser.Html, StringComparison.Ordinal);
            Assert.Contains("503", browser.Html, StringComparison.Ordinal);
            Assert.Contains("503 Service Unavailable", browser.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("gateway unavailable", browser.Html, StringComparison.Ordinal);
        }
        finally
        {
            receivers.SmsStatus = 200;
        }
    }

    [Fact]
    public async Task A_bad_address_or_header_is_marked_beside_its_field_and_nothing_of_the_form_is_saved()
    {
        var (org, browser) = await AdminAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "mastodon"), ("MastodonUrl", "ftp://mastodon.example"), ("MastodonToken", "a-new-token-1234"))).StatusCode);
        Assert.Contains("id=\"mastodon-url-error\">Write a full address starting with https://.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"ftp://mastodon.example\"", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("a-new-token-1234", browser.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "sms"), ("SmsUrl", receivers.Url + "/sms"), ("SmsAuthHeader", "no colon here"))).StatusCode);
        Assert.Contains("id=\"sms-auth-error\">", browser.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "sms"), ("SmsUrl", receivers.Url + "/sms"), ("SmsAuthHeader", "Authorization: Bearer " + new string('k', 600)))).StatusCode);
        Assert.Contains("id=\"sms-auth-error\">", browser.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "webSub"), ("WebSubHub", "javascript:alert(1)"))).StatusCode);
        Assert.Contains("id=\"websub-hub-error\">", browser.Html, StringComparison.Ordinal);

        // A form with its channel or topic left out of the address is refused, not an error page.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "test"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "test&channel=fax"))).StatusCode);
        Assert.Contains("class=\"alert\" role=\"alert\"", browser.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostFormAsync(Page(org, "topicDelete"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "webhookAdd"), ("WebhookUrl", "https://hooks.example/" + new string('a', 600)))).StatusCode);

        var stored = await app.InOrgAsync(org, db => db.ChannelSettings.AsNoTracking().SingleAsync());
        Assert.All(new[] { stored.MastodonUrl, stored.MastodonToken, stored.SmsUrl, stored.SmsAuthHeader, stored.WebSubHub }, Assert.Null);
    }

    [Fact]
    public async Task The_websub_hub_is_saved_and_its_test_pings_the_organizations_feed_and_the_push_key_is_shown()
    {
        var (org, browser) = await AdminAsync();
        var key = await app.InOrgAsync(org, db => db.ChannelSettings.Select(s => s.VapidPublicKey).SingleAsync());
        Assert.Contains($"id=\"vapid-key\">{key}<", browser.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(Page(org, "webSub"), ("WebSubHub", receivers.Url + "/hub"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(Page(org, "test&channel=websub"))).StatusCode);
        Assert.Contains("The receiver took the test.", browser.Html, StringComparison.Ordinal);
        var ping = System.Web.HttpUtility.ParseQueryString(receivers.Got("websub").Last(r => r.Body.Contains($"%2F{org}%2F", StringComparison.Ordinal)).Body);
        Assert.Equal("publish", ping["hub.mode"]);
        Assert.EndsWith($"/{org}/status.atom", ping["hub.url"], StringComparison.Ordinal);

        // The feed names the hub, and its self link is the topic the hub was pinged with, byte for byte.
        var feed = await FeedParser.ParseAsync(await app.CreateClient().GetStringAsync($"/{org}/status.atom"));
        Assert.Equal(ping["hub.url"], feed.GetProperty("links").GetProperty("self").GetString());
        Assert.Equal(receivers.Url + "/hub", feed.GetProperty("links").GetProperty("hub").GetString());
    }

    [Fact]
    public async Task A_webhook_shows_its_secret_once_then_only_masked_is_tested_alone_and_deleted()
    {
        var (org, browser) = await AdminAsync();
        var name = WhuffieFactory.Unique("energi");

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "webhookAdd"), ("WebhookUrl", "not a url"), ("WebhookEvents", "some"))).StatusCode);
        Assert.Contains("id=\"webhook-url-error\">", browser.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"events-error\">Choose at least one event", browser.Html, StringComparison.Ordinal);
        Assert.Empty(await app.InOrgAsync(org, db => db.Webhooks.ToListAsync()));

        var added = await browser.PostFormAsync(Page(org, "webhookAdd"), ("WebhookUrl", $"{receivers.Url}/hooks/{name}"), ("WebhookEvents", "some"),
            ("WebhookEventTypes", "idea.launched"), ("WebhookEventTypes", "notice.published"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var secret = SecretPattern().Match(Shown(browser)).Groups[1].Value;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Contains("it will not be shown again", browser.Html, StringComparison.Ordinal);
        receivers.WebhookSecrets[name] = secret;

        // The same form again, as a browser's refresh sends it: marked, not a second webhook.
        var again = await browser.PostFormAsync(Page(org, "webhookAdd"), ("WebhookUrl", $"{receivers.Url}/hooks/{name}"), ("WebhookEvents", "all"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("id=\"webhook-url-error\">This address already has a webhook", browser.Html, StringComparison.Ordinal);
        Assert.Single(await app.InOrgAsync(org, db => db.Webhooks.ToListAsync()));

        await browser.GetAsync($"/{org}/admin/notices");
        Assert.DoesNotContain(secret, Shown(browser), StringComparison.Ordinal);
        Assert.Contains("••••" + secret[^4..], Shown(browser), StringComparison.Ordinal);
        Assert.Contains("notice.published, idea.launched", browser.Html, StringComparison.Ordinal);

        // A second webhook, for every event: testing the first reaches only the first.
        await browser.PostFormAsync(Page(org, "webhookAdd"), ("WebhookUrl", $"{receivers.Url}/hooks/{name}-all"), ("WebhookEvents", "all"), ("WebhookEventTypes", "idea.created"));
        var hooks = await app.InOrgAsync(org, db => db.Webhooks.OrderBy(h => h.Id).ToListAsync());
        Assert.Equal(["notice.published idea.launched", null], hooks.Select(h => h.Events));
        var before = receivers.Got("webhook").Count;
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(Page(org, $"test&channel=webhook&webhook={hooks[0].Id}"))).StatusCode);
        Assert.Contains("The receiver took the test.", browser.Html, StringComparison.Ordinal);
        Assert.Equal($"/hooks/{name}", Assert.Single(receivers.Got("webhook").Skip(before)).Path);

        // The second's receiver does not know it: its answer is shown.
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(Page(org, $"test&channel=webhook&webhook={hooks[1].Id}"))).StatusCode);
        Assert.Contains("The test did not get through.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("404", browser.Html, StringComparison.Ordinal);

        var deleted = await browser.PostFormAsync(Page(org, $"webhookDelete&webhook={hooks[0].Id}"));
        Assert.Equal($"/{org}/admin/notices?saved=webhook-deleted#webhooks", deleted.Headers.Location?.OriginalString);
        Assert.Equal([hooks[1].Id], await app.InOrgAsync(org, db => db.Webhooks.Select(h => h.Id).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostFormAsync(Page(org, $"webhookDelete&webhook={hooks[0].Id}"))).StatusCode);
        Assert.Contains("No such webhook.", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topics_are_added_with_a_slug_from_their_name_refused_twice_and_deleted()
    {
        var (org, browser) = await AdminAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync(Page(org, "topicAdd"), ("TopicName", " "))).StatusCode);
        Assert.Contains("id=\"topic-name-error\">", browser.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(Page(org, "topicAdd"), ("TopicName", "Herlev Nord"))).StatusCode);
        await browser.GetAsync($"/{org}/admin/notices?saved=topic-added");
        Assert.Contains("The topic is added.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("<code>herlev-nord</code>", browser.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, (await browser.PostFormAsync(Page(org, "topicAdd"), ("TopicName", "Herlev nord"))).StatusCode);
        Assert.Contains("There is already a topic called herlev-nord.", browser.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(Page(org, "topicDelete&topic=herlev-nord"))).StatusCode);
        Assert.Equal(["gladsaxe", "soeborg"], await app.InOrgAsync(org, db => db.NoticeTopics.OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostFormAsync(Page(org, "topicDelete&topic=herlev-nord"))).StatusCode);
    }

    [Fact]
    public async Task The_apis_send_test_reaches_the_websub_hub_and_one_chosen_webhook_as_the_page_does()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var test = $"/api/v1/orgs/{org}/notice-channels";
        await Expect.ProblemAsync(await lars.Client.PostAsJsonAsync($"{test}/websub/test", new { }), HttpStatusCode.Conflict);
        await lars.ConfigureAsync(org, new { webSubHub = receivers.Url + "/hub" });
        var pinged = await Expect.JsonAsync(await lars.Client.PostAsJsonAsync($"{test}/websub/test", new { }));
        Assert.True(pinged.GetProperty("ok").GetBoolean(), pinged.GetRawText());

        var name = WhuffieFactory.Unique("api");
        var hook = await Expect.JsonAsync(await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"{receivers.Url}/hooks/{name}" }), HttpStatusCode.Created);
        receivers.WebhookSecrets[name] = hook.GetProperty("secret").GetString()!;
        await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"{receivers.Url}/hooks/{name}-unknown" });
        var before = receivers.Got("webhook").Count;
        var one = await Expect.JsonAsync(await lars.Client.PostAsJsonAsync($"{test}/webhook/test", new { webhook = hook.GetProperty("id").GetInt32() }));
        Assert.True(one.GetProperty("ok").GetBoolean(), one.GetRawText());
        Assert.Equal(before + 1, receivers.Got("webhook").Count);
        var all = await Expect.JsonAsync(await lars.Client.PostAsJsonAsync($"{test}/webhook/test", new { }));
        Assert.False(all.GetProperty("ok").GetBoolean());
        Assert.Equal(before + 3, receivers.Got("webhook").Count);
        await Expect.ProblemAsync(await lars.Client.PostAsJsonAsync($"{test}/webhook/test", new { webhook = 99999999 }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_and_another_organizations_admin_are_refused_and_strangers_asked_to_sign_in()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { mastodonUrl = receivers.Url, mastodonToken = Receivers.MastodonToken });
        var hook = await Expect.JsonAsync(await lars.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = receivers.Url + "/hooks/lars" }), HttpStatusCode.Created);
        var hookId = hook.GetProperty("id").GetInt32();

        var mette = await app.StaffOfAsync(org, "Mette");
        var staff = app.Browse();
        await staff.SignInAsync(mette.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/{org}/admin/notices")).StatusCode);
        Assert.DoesNotContain(receivers.Url, staff.Html, StringComparison.Ordinal);
        await staff.GetAsync($"/{org}");
        Assert.DoesNotContain($"/{org}/admin/notices", staff.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostFormAsync(Page(org, "mastodon"), ("MastodonUrl", "https://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostFormAsync(Page(org, $"webhookDelete&webhook={hookId}"))).StatusCode);

        var (otherOrg, otherAdmin) = await NoticeTesting.EnergyCompanyAsync(app);
        var other = app.Browse();
        await other.SignInAsync(otherAdmin.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/{org}/admin/notices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostFormAsync(Page(org, "test&channel=mastodon"))).StatusCode);
        // On their own page, this organization's webhook does not exist.
        await other.GetAsync($"/{otherOrg}/admin/notices");
        Assert.DoesNotContain(receivers.Url, other.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync(Page(otherOrg, $"webhookDelete&webhook={hookId}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync(Page(otherOrg, $"test&channel=webhook&webhook={hookId}"))).StatusCode);

        var stranger = app.Browse();
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync($"/{org}/admin/notices")).StatusCode);

        Assert.Equal([hookId], await app.InOrgAsync(org, db => db.Webhooks.Select(h => h.Id).ToListAsync()));
        Assert.Equal(receivers.Url, await app.InOrgAsync(org, db => db.ChannelSettings.Select(s => s.MastodonUrl).SingleAsync()));
    }

    /// <summary>The page's text as read, not as encoded: a secret's "+" is written &amp;#x2B;.</summary>
    private static string Shown(Browser browser) => System.Net.WebUtility.HtmlDecode(browser.Html);

    private static string Page(string org, string handler) => $"/{org}/admin/notices?handler={handler}";

    private async Task<(string Org, Browser Browser)> AdminAsync()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/admin/notices")).StatusCode);
        return (org, browser);
    }

    [GeneratedRegex("id=\"new-secret\">(whsec_[^<]+)<")]
    private static partial Regex SecretPattern();
}
