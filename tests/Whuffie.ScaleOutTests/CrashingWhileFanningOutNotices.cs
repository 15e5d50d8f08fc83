using System.Diagnostics;
using Whuffie.Tests.Infrastructure;
using Whuffie.Tests.Notices;
using Whuffie.Tests.Notices.Push;
using Xunit.Abstractions;

namespace Whuffie.ScaleOutTests;

/// <summary>
/// Notices under a crash: one notice to 10,000 people, each subscribed by email, SMS and Web Push,
/// plus the organization's webhook and Mastodon account. The built app is killed with SIGKILL
/// while the deliveries are going out and started again. Afterwards every subscriber has the
/// notice on every channel, and the only messages that arrived twice are ones whose delivery
/// was in flight (leased, not yet recorded) at the kill, each time with the same message id.
/// </summary>
public sealed class CrashingWhileFanningOutNotices(HeadersOnlySmtpServer smtp, ITestOutputHelper output) : CrashTest, IClassFixture<HeadersOnlySmtpServer>
{
    private const int People = 10_000;
    private const string Org = "soeborg-energi";
    // 30,000 messages take a while on 2 cores; counting 10,000 files each time is not free either.
    private const int Patience = 120, Poll = 100;
    private readonly Receivers _receivers = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _receivers.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await _receivers.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_process_killed_mid_fan_out_delivers_to_every_subscriber_on_every_channel_after_a_restart()
    {
        var settings = Settings(smtp,
            // The killed instance's batches come back to the next one after this.
            ("Notices__Lease", "00:00:05"), ("Notices__PollInterval", "00:00:00.2"),
            // The receivers are on loopback, which outbound calls reach only when the operator allows it.
            ("Outbound__AllowedNetworks__0", "127.0.0.0/8"),
            // The server counts notice emails only: Lars's sign-up sends no confirmation of its own.
            ("Accounts__EmailsPerHour", "0"));
        await AppProcess.RunCommandAsync(settings, "migrate");
        await AppProcess.RunCommandAsync(settings, "org", "create", Org, "--name", "Søborg Energi", "--language", "da");
        var browser = PushDecryption.NewBrowser();
        await AddSubscribersAsync(browser.P256dh, browser.Auth);

        var first = await StartAsync("first", settings);
        using var lars = new Visitor();
        await lars.RegisterAsync(first.Url);
        await AppProcess.RunCommandAsync(settings, "user", "role", "--email", lars.Email, "--org", Org, "--role", "admin");
        await lars.LogInAsync(first.Url);
        await SendAsync(lars, HttpMethod.Put, first.Url, $"/api/v1/orgs/{Org}/notice-channels", new
        {
            smsUrl = _receivers.Url + "/sms",
            smsAuthHeader = Receivers.SmsAuth,
            mastodonUrl = _receivers.Url,
            mastodonToken = Receivers.MastodonToken,
        });
        var hook = await SendAsync(lars, HttpMethod.Post, first.Url, $"/api/v1/orgs/{Org}/webhooks", new { url = _receivers.Url + "/hooks/grid" });
        _receivers.WebhookSecrets["grid"] = hook.GetProperty("secret").GetString()!;

        await SendAsync(lars, HttpMethod.Post, first.Url, $"/api/v1/orgs/{Org}/notices",
            new { title = "Strømafbrydelse i Søborg", body = "Forventet tilbage kl. 14:00.", severity = "critical" });
        var clock = Stopwatch.StartNew();
        await WaitAsync(() => Task.FromResult(smtp.Count() >= People / 5), "a fifth of the emails to arrive", Patience, Poll);
        await first.DisposeAsync(); // SIGKILL, in the middle of the deliveries

        var arrivedAtKill = smtp.Count();
        Assert.True(arrivedAtKill < People, $"All {People} emails were out before the kill; the test proves nothing.");
        // Leased and not recorded: what the killed process may or may not have got out. Also what
        // was tried more than once before the kill: an attempt whose answer did not come in time
        // (a busy machine) may have reached the receiver, and at-least-once sends it again.
        var inFlight = (await QueryAsync("""SELECT "Id" FROM "Deliveries" WHERE "State" = 'Pending' AND "LeasedBy" IS NOT NULL OR "Attempts" > 1""",
            r => r.GetInt64(0))).Select(id => $"msg_{id}").ToHashSet();

        output.WriteLine($"{clock.Elapsed}: killed with {arrivedAtKill} emails, {_receivers.Got("sms").Count} texts and {_receivers.Got("push").Count} pushes in; {inFlight.Count} deliveries in flight");

        // The second instance takes the killed one's batches back after their 5 s leases, but holds
        // its own for longer: on a busy machine a 5 s lease cuts a slow email batch short, and what
        // was out unanswered is sent again (at least once), a repeat that has nothing to do with the kill.
        await using var second = await StartAsync("second", new Dictionary<string, string>(settings) { ["Notices__Lease"] = "00:01:00" });
        await WaitAsync(async () => await CountAsync("""SELECT count(*) FROM "Deliveries" WHERE "State" <> 'Sent'""") == 0,
            "every delivery to be recorded as sent", Patience, Poll);
        await WaitAsync(() => Task.FromResult(smtp.Count() >= People), "every email to arrive", Patience, Poll);

        output.WriteLine($"{clock.Elapsed}: all in after the restart");

        // Every delivery row, with whom it was for: the message id each receiver must have seen.
        var expected = await QueryAsync("""
            SELECT d."Id", d."Channel", coalesce(s."Address", ''), d."Attempts" FROM "Deliveries" d LEFT JOIN "NoticeSubscriptions" s ON s."Id" = d."SubscriptionId"
            """, r => (Id: $"msg_{r.GetInt64(0)}", Channel: r.GetString(1), To: r.GetString(2), Attempts: r.GetInt32(3)));
        Assert.Equal(3 * People + 2, expected.Count);

        var emails = smtp.Received().Where(m => m.Header("X-Whuffie-Message-Id") is not null)
            .Select(m => (Id: m.Header("X-Whuffie-Message-Id")!, To: m.RcptTos.Single()));
        var texts = _receivers.Got("sms").Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(j => (Id: j.GetProperty("reference").GetString()!, To: j.GetProperty("to").GetString()!));
        var pushes = _receivers.Got("push").Select(r => (Id: PushedId(r, browser), To: _receivers.Url + r.Path));
        var hooks = _receivers.Got("webhook").Select(r => (Id: r.Header("webhook-id")!, To: ""));
        var received = emails.Concat(texts).Concat(pushes).Concat(hooks).ToList();

        // Everyone has it on every channel, under the id of the row that was for them.
        var byId = received.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.ToList());
        var missing = expected.Where(e => e.Channel != "Mastodon" && !byId.ContainsKey(e.Id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} deliveries never arrived, e.g. {string.Join(", ", missing.Take(5))}");
        var wrong = expected.Where(e => e.To.Length > 0 && byId[e.Id].Any(r => r.To != e.To)).ToList();
        Assert.True(wrong.Count == 0, $"Arrived at the wrong address: {string.Join(", ", wrong.Take(5))}");
        Assert.Single(_receivers.Got("mastodon"));

        // Repeats, if any, only for what was in flight at the kill: same id, so receivers can drop them.
        var repeated = byId.Where(p => p.Value.Count > 1).Select(p => p.Key).ToList();
        output.WriteLine($"{repeated.Count} arrived twice");
        // A repeat takes a new attempt: nothing recorded as sent goes out again.
        var overSent = expected.Where(e => byId.TryGetValue(e.Id, out var got) && got.Count > e.Attempts).ToList();
        Assert.True(overSent.Count == 0, $"{overSent.Count} messages arrived more often than they were tried, e.g. {string.Join(", ", overSent.Take(5))}");
        var unexpected = repeated.Where(id => !inFlight.Contains(id)).ToList();
        Assert.True(unexpected.Count == 0,
            $"{unexpected.Count} messages arrived twice that were not in flight at the kill ({inFlight.Count} were), e.g. {string.Join(", ", unexpected.Take(5))}");
    }

    /// <summary>The subscribers, already confirmed: person N has an address, a phone number and a browser.</summary>
    private Task AddSubscribersAsync(string p256dh, string auth) => ExecuteAsync($"""
        INSERT INTO "NoticeSubscriptions" ("OrganizationId", "Channel", "Address", "P256dh", "Auth", "Language", "AllTopics", "Token", "CodeAttempts", "CreatedAt", "ConfirmedAt")
        SELECT o."Id", c.channel,
               CASE c.channel WHEN 'Email' THEN 'person' || g || '@example.dk' WHEN 'Sms' THEN '+4520' || lpad(g::text, 6, '0') ELSE '{_receivers.Url}/push/' || g END,
               CASE c.channel WHEN 'Push' THEN '{p256dh}' END, CASE c.channel WHEN 'Push' THEN '{auth}' END,
               'da', true, md5(c.channel || g), 0, now(), now()
        FROM generate_series(1, {People}) g, (VALUES ('Email'), ('Sms'), ('Push')) c(channel), "Organizations" o
        """);

    private static string PushedId(Received push, (System.Security.Cryptography.ECDiffieHellman Keys, string P256dh, string Auth) browser)
    {
        var plain = PushDecryption.Decrypt(Convert.FromBase64String(push.Body), browser.Keys, browser.Auth);
        return JsonDocument.Parse(plain).RootElement.GetProperty("messageId").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(Visitor who, HttpMethod method, Uri address, string path, object body)
    {
        using var response = await who.SendAsync(method, address, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
