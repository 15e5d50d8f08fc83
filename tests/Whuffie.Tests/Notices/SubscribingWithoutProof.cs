using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Deliveries;
using Whuffie.Notices;

namespace Whuffie.Tests.Notices;

/// <summary>
/// Issue 17, "safe to put live": knowing someone's address or number proves nothing, so asking
/// for it shows nothing and changes nothing that its holder set; and texts cost money, so they go
/// only to the countries an organization chose, and only so many a day.
/// </summary>
public sealed class SubscribingWithoutProof(WhuffieFactory app, SmtpServer smtp, Receivers receivers)
    : IClassFixture<WhuffieFactory>, IClassFixture<SmtpServer>, IClassFixture<Receivers>
{
    [Fact]
    public async Task Every_answer_looks_the_same_whether_the_address_is_new_waiting_or_confirmed()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        foreach (var (channel, make) in new (string, Func<string, string>)[] { ("email", n => $"{n}.{org}@example.dk"), ("sms", n => "+4540" + n) })
        {
            var (fresh, waiting, confirmed) = (make("100001"), make("100002"), make("100003"));
            await SubscribeAsync(org, channel, waiting, "gladsaxe");
            await app.AddConfirmedAsync(org, channel == "sms" ? Channel.Sms : Channel.Email, [confirmed]);

            var answers = new List<string>();
            foreach (var address in new[] { fresh, waiting, confirmed })
            {
                var response = await SubscribeAsync(org, channel, address, "soeborg");
                answers.Add($"{(int)response.StatusCode} {response.Content.Headers.ContentType} location={response.Headers.Location} " +
                    $"retry-after={response.Headers.RetryAfter} {await response.Content.ReadAsStringAsync()}");
            }
            Assert.Equal(HttpStatusCode.Accepted, (HttpStatusCode)int.Parse(answers[0][..3], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("\"confirmed\":false", answers[0], StringComparison.Ordinal);
            Assert.Equal(answers[0], answers[1]);
            Assert.Equal(answers[0], answers[2]);
        }
    }

    [Fact]
    public async Task A_stranger_asking_again_for_a_confirmed_email_changes_nothing_and_its_holder_gets_a_link_to_manage_it()
    {
        await using var mailing = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Mail:Host", "127.0.0.1");
            b.UseSetting("Mail:Port", smtp.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Mail:Security", "None");
            b.UseSetting("Mail:From", SmtpServer.SenderAddress);
            b.UseSetting("Site:Url", "https://whuffie.test");
        });
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var address = $"sofie.{org}@example.dk";
        await app.AddConfirmedAsync(org, Channel.Email, [address]);
        var before = await RowAsync(org, address);

        var mads = await app.SignUpAsync("Mads");
        var asked = await mads.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "email", address, topics = new[] { "gladsaxe" }, language = "en" });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var after = await RowAsync(org, address);
        Assert.Equal((before.Language, before.AllTopics, before.UserId, before.ConfirmedAt), (after.Language, after.AllTopics, after.UserId, after.ConfirmedAt));
        Assert.Empty(after.Topics);
        Assert.Equal([DeliveryKind.Manage], (await app.DeliveriesAsync(org, Channel.Email)).Select(d => d.Kind));

        await mailing.RunChannelAsync(Channel.Email);
        var mail = smtp.Received().Single(m => m.RcptTos.Contains(address));
        Assert.Equal("Dine meddelelser fra Søborg Energi", mail.Subject);
        var link = Regex.Match(mail.Parts[0].Content, @"https://whuffie\.test(/\S+/status/manage\?token=\w+)").Groups[1].Value;
        Assert.NotEmpty(link);
        Assert.DoesNotMatch(@"confirm\?token", mail.Parts[0].Content);

        // The holder changes the topics and the language on the page the link opens.
        var holder = app.Browse();
        await holder.GetAsync(link);
        Assert.Contains(address, holder.Html, StringComparison.Ordinal);
        Assert.Contains("status/unsubscribe?token=", holder.Html, StringComparison.Ordinal);
        var token = link[(link.IndexOf('=') + 1)..];
        var bad = await holder.PostFormAsync($"/{org}/status/manage", ("Token", token), ("TopicSlugs", "nowhere"), ("Language", "da"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"topics-error\"", holder.Html, StringComparison.Ordinal);
        var saved = await holder.PostFormAsync($"/{org}/status/manage", ("Token", token), ("TopicSlugs", "soeborg"), ("Language", "sv"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = await RowAsync(org, address);
        Assert.Equal(("sv", false), (changed.Language, changed.AllTopics));
        Assert.Equal([await TopicIdAsync(org, "soeborg")], changed.Topics.Select(t => t.TopicId));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browse().GetAsync($"/{org}/status/manage?token=nosuchtoken")).StatusCode);
    }

    [Fact]
    public async Task A_confirmed_number_asked_for_again_gets_a_manage_link_by_text_and_no_code()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsUrl = receivers.Url + "/sms", smsAuthHeader = Receivers.SmsAuth });
        var phone = "+4541" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.AddConfirmedAsync(org, Channel.Sms, [phone]);

        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(org, "sms", phone, "gladsaxe")).StatusCode);
        await app.RunChannelAsync(Channel.Sms);
        var text = receivers.Got("sms").Select(r => JsonDocument.Parse(r.Body).RootElement).Single(r => r.GetProperty("to").GetString() == phone).GetProperty("text").GetString()!;
        Assert.Contains($"/{org}/status/manage?token=", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b\d{6}\b", text);
        var row = await RowAsync(org, phone);
        Assert.True(row.AllTopics);
        Assert.Null(row.CodeHash);
    }

    [Fact]
    public async Task The_phone_confirmation_says_nothing_of_a_number_until_its_code_is_right()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var (waiting, confirmed, unknown) = ("+4542000001", "+4542000002", "+4542000003");
        await app.AddConfirmedAsync(org, Channel.Sms, [confirmed]);
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(org, "sms", waiting, "soeborg")).StatusCode);
        var code = await CodeOfAsync(org, waiting);
        var wrongCode = code == "000000" ? "111111" : "000000";

        var answers = new List<string>();
        foreach (var (address, tried) in new[] { (waiting, wrongCode), (confirmed, code), (unknown, code) })
        {
            var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions/confirm", new { address, code = tried });
            var problem = await Expect.InvalidFieldAsync(response, "code");
            Assert.Equal("That code is not right or has expired. Check the text message, or subscribe again to get a new code.", problem.GetProperty("errors").GetProperty("code")[0].GetString());
            answers.Add(Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", ""));
        }
        Assert.DoesNotContain("soeborg", answers[0], StringComparison.Ordinal);
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);

        var right = await Expect.JsonAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions/confirm", new { address = waiting, code }));
        Assert.Equal("soeborg", Assert.Single(right.GetProperty("topics").EnumerateArray()).GetString());
        // Used once: the same code again is as unknown as any.
        await Expect.InvalidFieldAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions/confirm", new { address = waiting, code }), "code");
    }

    [Fact]
    public async Task Texts_go_only_to_the_countries_the_organization_allows_its_own_by_default()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var swedish = "+46701234567";
        var refused = await Expect.InvalidFieldAsync(await SubscribeAsync(org, "sms", swedish), "address");
        Assert.Contains("+45", refused.GetProperty("errors").GetProperty("address")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.InOrgAsync(org, db => db.NoticeSubscriptions.CountAsync()));
        Assert.Empty(await app.DeliveriesAsync(org, Channel.Sms));
        Assert.Equal("+45", (await lars.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notice-channels")).GetProperty("smsCountries").GetString());

        await Expect.InvalidFieldAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/notice-channels", new { smsCountries = "+45, Sweden" }), "smsCountries");
        await lars.ConfigureAsync(org, new { smsCountries = "45 +46" });
        Assert.Equal("+45, +46", (await lars.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notice-channels")).GetProperty("smsCountries").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(org, "sms", swedish)).StatusCode);
        var german = await Expect.InvalidFieldAsync(await SubscribeAsync(org, "sms", "+4915112345678"), "address");
        Assert.Contains("+45, +46", german.GetProperty("errors").GetProperty("address")[0].GetString(), StringComparison.Ordinal);

        // On the channels page, as staff set it up.
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/admin/notices");
        Assert.Contains("value=\"&#x2B;45, &#x2B;46\"", browser.Html, StringComparison.Ordinal);
        var bad = await browser.PostFormAsync($"/{org}/admin/notices?handler=sms", ("SmsUrl", ""), ("SmsCountries", "+0"), ("SmsTextsPerDay", "200"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"sms-countries-error\"", browser.Html, StringComparison.Ordinal);
        await browser.GetAsync($"/{org}/admin/notices");
        var saved = await browser.PostFormAsync($"/{org}/admin/notices?handler=sms", ("SmsUrl", ""), ("SmsCountries", "+47"), ("SmsTextsPerDay", "200"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("+47", await app.InOrgAsync(org, db => db.ChannelSettings.Select(s => s.SmsCountries).SingleAsync()));
    }

    [Fact]
    public async Task An_organization_sends_only_so_many_confirmation_texts_a_day_and_staff_see_how_many()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        await lars.ConfigureAsync(org, new { smsTextsPerDay = 2 });
        await Expect.InvalidFieldAsync(await lars.Client.PutAsJsonAsync($"/api/v1/orgs/{org}/notice-channels", new { smsTextsPerDay = -1 }), "smsTextsPerDay");
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(org, "sms", "+4543000001")).StatusCode);
        await app.AddConfirmedAsync(org, Channel.Sms, ["+4543000002"]);
        // A manage text counts as much as a code.
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(org, "sms", "+4543000002")).StatusCode);

        var third = await Expect.ProblemAsync(await SubscribeAsync(org, "sms", "+4543000003"), HttpStatusCode.TooManyRequests);
        Assert.Equal("This organization has sent as many confirmation texts as it allows today; try email, or tomorrow.", third.GetProperty("detail").GetString());
        var again = await SubscribeAsync(org, "sms", "+4543000003");
        Assert.InRange(again.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.False(await app.InOrgAsync(org, db => db.NoticeSubscriptions.AnyAsync(s => s.Address == "+4543000003")));
        Assert.Equal(2, (await app.DeliveriesAsync(org, Channel.Sms)).Count);
        // Email is not held back by the texts' limit.
        Assert.Equal(HttpStatusCode.Accepted, (await SubscribeAsync(org, "email", $"nabo.{org}@example.dk")).StatusCode);

        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/admin/notices");
        Assert.Contains("Confirmation texts in the last 24 hours: 2 of 2. The limit is reached", Regex.Replace(browser.Html, @"\s+", " "), StringComparison.Ordinal);

        // A day on, the day's texts no longer count.
        await using var tomorrow = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<TimeProvider>(new TestClock(app.Clock.Shift + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)))));
        Assert.Equal(HttpStatusCode.Accepted, (await tomorrow.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "sms", address = "+4543000003" })).StatusCode);
    }

    private Task<HttpResponseMessage> SubscribeAsync(string org, string channel, string address, params string[] topics) =>
        app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel, address, topics, language = "da" });

    private Task<NoticeSubscription> RowAsync(string org, string address) =>
        app.InOrgAsync(org, db => db.NoticeSubscriptions.AsNoTracking().Include(s => s.Topics).SingleAsync(s => s.Address == address));

    private Task<int> TopicIdAsync(string org, string slug) => app.InOrgAsync(org, db => db.NoticeTopics.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    /// <summary>The code in the waiting confirmation text, read from the delivery as the SMS channel would.</summary>
    private async Task<string> CodeOfAsync(string org, string phone)
    {
        var payload = await app.InOrgAsync(org, db => db.Deliveries.Where(d => d.Kind == DeliveryKind.Confirm && d.Channel == Channel.Sms)
            .Join(db.NoticeSubscriptions.Where(s => s.Address == phone), d => d.SubscriptionId, s => s.Id, (d, _) => d.Payload).SingleAsync());
        return app.Services.GetRequiredService<Secrets>().Unprotect(payload)!;
    }
}
