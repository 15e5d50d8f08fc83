using Whuffie.Tests.Notices.Push;

namespace Whuffie.Tests.Outbound;

/// <summary>
/// What an administrator meets: addresses plainly off the internet refused when saved, with the
/// field marked; "send test" telling in plain words why a call was not made; and never a byte of
/// what the receiver answered beyond its status line.
/// </summary>
public sealed class TestingAChannel(GuardedApp guarded) : IClassFixture<GuardedApp>
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://192.168.1.20/hook")]
    public async Task A_webhook_to_a_private_address_is_refused_when_saved_and_nothing_is_saved(string url)
    {
        var (org, admin) = await guarded.AdminAsync();

        var problem = await Expect.InvalidFieldAsync(await admin.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url }), "url");

        Assert.Contains("is not on the public internet", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/orgs/{org}/webhooks") ?? []);
    }

    [Theory]
    [InlineData("smsUrl", "http://10.0.0.5/sms")]
    [InlineData("mastodonUrl", "http://127.0.0.1:3000")]
    [InlineData("webSubHub", "http://[fe80::1]/hub")]
    public async Task A_channel_address_on_a_private_network_is_refused_when_saved(string field, string url)
    {
        var (org, admin) = await guarded.AdminAsync();

        await Expect.InvalidFieldAsync(await admin.PutAsJsonAsync($"/api/v1/orgs/{org}/notice-channels", new Dictionary<string, string> { [field] = url }), field);

        var saved = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/notice-channels");
        Assert.Equal(JsonValueKind.Null, saved.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Send_test_to_a_name_that_resolves_inside_says_so_and_makes_no_call()
    {
        var (org, admin) = await guarded.AdminAsync();
        var name = WhuffieFactory.Unique("hooks") + ".intern.test";
        guarded.Names[name] = () => [IPAddress.Parse("10.1.2.3")];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"http://{name}/x" })).StatusCode);

        var test = await Expect.JsonAsync(await admin.PostAsJsonAsync($"/api/v1/orgs/{org}/notice-channels/webhook/test", new { }));

        Assert.False(test.GetProperty("ok").GetBoolean());
        Assert.Equal($"The call was not made: {name} (10.1.2.3) is on a private network.", test.GetProperty("response").GetString());
    }

    [Theory]
    [InlineData("500 Internal Server Error", "", "500 Internal Server Error")]
    [InlineData("200 OK", "", "200 OK")]
    [InlineData("302 Found", "Location: http://169.254.169.254/latest/meta-data/", "302 Found: the server answered with a redirect, which is not followed. Enter the address it leads to instead.")]
    public async Task Send_test_shows_the_status_line_and_never_the_receivers_body(string status, string header, string expected)
    {
        const string Secret = "AccessKeyId=ASIAEXAMPLE SecretAccessKey=wJalrXUtnFEMI";
        await using var receiver = new LoopbackServer(GuardedApp.Receivers, LoopbackServer.Reply(status, Secret, header.Length > 0 ? [header] : []));
        var (org, admin) = await guarded.AdminAsync();
        await admin.PostAsJsonAsync($"/api/v1/orgs/{org}/webhooks", new { url = $"http://127.0.0.2:{receiver.Port}/hook" });

        var response = await admin.PostAsJsonAsync($"/api/v1/orgs/{org}/notice-channels/webhook/test", new { });

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected, (await Expect.JsonAsync(response)).GetProperty("response").GetString());
        Assert.DoesNotContain("ASIAEXAMPLE", text, StringComparison.Ordinal);
        Assert.Equal(1, receiver.Connections);
    }

    [Theory]
    [InlineData("http://push.example.test/send/abc", HttpStatusCode.BadRequest)]
    [InlineData("https://[fd00::1]/send/abc", HttpStatusCode.BadRequest)]
    [InlineData("https://127.0.0.1/send/abc", HttpStatusCode.BadRequest)]
    [InlineData("https://push.example.test/send/abc", HttpStatusCode.Created)]
    // The operator allowed 127.0.0.2, so plain http may go there (as the tests' push emulator needs).
    [InlineData("http://127.0.0.2:8090/send/abc", HttpStatusCode.Created)]
    public async Task A_push_endpoint_must_be_https_on_the_internet(string endpoint, HttpStatusCode expected)
    {
        var org = await guarded.App.CreateOrgAsync("push", "Søborg Energi");
        var (_, p256dh, auth) = PushDecryption.NewBrowser();

        var response = await guarded.Host.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions",
            new { channel = "push", address = endpoint, keys = new { p256dh, auth } });

        if (expected == HttpStatusCode.BadRequest) await Expect.InvalidFieldAsync(response, "address");
        else Assert.Equal(expected, response.StatusCode);
    }
}
