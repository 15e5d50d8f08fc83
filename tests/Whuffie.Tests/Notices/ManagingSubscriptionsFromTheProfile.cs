using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Accounts;
using Whuffie.Deliveries;
using Whuffie.Notices;

namespace Whuffie.Tests.Notices;

/// <summary>
/// Issue 7, "people with accounts manage it from their profile": what a signed-in person subscribes
/// to is theirs, listed on /me and under /api/v1/me/notice-subscriptions, and nobody else's.
/// </summary>
public sealed class ManagingSubscriptionsFromTheProfile(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private const string Mine = "/api/v1/me/notice-subscriptions";

    [Fact]
    public async Task Subscribing_with_ones_own_confirmed_account_email_needs_no_second_opt_in()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var sofie = await SignUpConfirmedAsync("Sofie");

        var created = await Expect.JsonAsync(await Subscribe(sofie.Client, org, "email", sofie.Email.ToUpperInvariant(), "soeborg"), HttpStatusCode.Created);
        Assert.True(created.GetProperty("confirmed").GetBoolean());
        var sub = await RowAsync(org, sofie.Email);
        Assert.Equal(sofie.Id, sub.UserId);
        Assert.NotNull(sub.ConfirmedAt);
        Assert.DoesNotContain(await app.DeliveriesAsync(org, Channel.Email), d => d.Kind == DeliveryKind.Confirm);
    }

    [Fact]
    public async Task Another_address_or_an_unconfirmed_account_email_is_confirmed_by_link_as_always()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var ingrid = await app.SignUpAsync("Ingrid", confirmed: false);
        var sofie = await SignUpConfirmedAsync("Sofie");

        Assert.Equal(HttpStatusCode.Accepted, (await Subscribe(ingrid.Client, org, "email", ingrid.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Subscribe(sofie.Client, org, "email", $"arbejde.{org}@example.dk")).StatusCode);
        Assert.Equal(ingrid.Id, (await RowAsync(org, ingrid.Email)).UserId);
        Assert.Equal(sofie.Id, (await RowAsync(org, $"arbejde.{org}@example.dk")).UserId);
        Assert.Equal(2, (await app.DeliveriesAsync(org, Channel.Email)).Count(d => d.Kind == DeliveryKind.Confirm));
        var listed = await Expect.JsonAsync(await ingrid.Client.GetAsync(Mine));
        Assert.False(Assert.Single(listed.EnumerateArray()).GetProperty("confirmed").GetBoolean());
    }

    [Fact]
    public async Task The_profile_lists_every_channel_in_every_organization_with_the_phone_masked()
    {
        var (energy, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var library = await app.CreateOrgAsync("bibliotek", "Gladsaxe Bibliotek");
        var sofie = await SignUpConfirmedAsync("Sofie");
        await Subscribe(sofie.Client, energy, "email", sofie.Email, "gladsaxe");
        await Subscribe(sofie.Client, energy, "sms", "+4512345678");
        (await sofie.Client.PostAsJsonAsync($"/api/v1/orgs/{library}/notices/subscriptions", new
        {
            channel = "push",
            address = $"https://push.example/{library}",
            keys = new { p256dh = Base64Url(65), auth = Base64Url(16) },
        })).EnsureSuccessStatusCode();

        var listed = (await Expect.JsonAsync(await sofie.Client.GetAsync(Mine))).EnumerateArray().ToList();
        Assert.Equal(["Gladsaxe Bibliotek/push", "Søborg Energi/email", "Søborg Energi/sms"],
            listed.Select(s => $"{s.GetProperty("orgName").GetString()}/{s.GetProperty("channel").GetString()}"));
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("address").ValueKind);
        Assert.True(listed[0].GetProperty("confirmed").GetBoolean());
        Assert.Equal(sofie.Email, listed[1].GetProperty("address").GetString());
        Assert.Equal("gladsaxe", Assert.Single(listed[1].GetProperty("topics").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Equal("+45•••••678", listed[2].GetProperty("address").GetString());
        Assert.True(listed[2].GetProperty("allTopics").GetBoolean());
        Assert.False(listed[2].GetProperty("confirmed").GetBoolean());

        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);
        Assert.Contains("id=\"notices-heading\"", browser.Html, StringComparison.Ordinal);
        // The page writes the plus as &#x2B;.
        Assert.Contains("45•••••678", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("4512345678", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"push.example/{library}", browser.Html, StringComparison.Ordinal);
        Assert.Contains("Topics: all topics", browser.Html, StringComparison.Ordinal);
        Assert.Contains("waiting for you to confirm", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topics_change_through_the_api_and_an_unknown_one_saves_nothing()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var other = await NoticeTesting.EnergyCompanyAsync(app);
        await TopicAsync(other.Lars, other.Org, "Herlev");
        var sofie = await SignUpConfirmedAsync("Sofie");
        var id = await SubscribedIdAsync(sofie, org, "soeborg");

        var bad = await Expect.InvalidFieldAsync(await sofie.Client.PutAsJsonAsync($"{Mine}/{id}", new { topics = new[] { "gladsaxe", "herlev" } }), "topics");
        Assert.Contains("herlev", bad.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect.InvalidFieldAsync(await sofie.Client.PutAsJsonAsync($"{Mine}/{id}", new { }), "topics");
        foreach (var malformed in new[] { """{"topics":"soeborg"}""", """{"topics":[1]}""", "not json" })
            await Expect.ProblemAsync(await sofie.SendJsonAsync(HttpMethod.Put, $"{Mine}/{id}", malformed), HttpStatusCode.BadRequest);
        await Expect.ProblemAsync(await sofie.Client.DeleteAsync($"{Mine}/99999999999999999999"), HttpStatusCode.NotFound);
        Assert.Equal(["soeborg"], await TopicsAsync(sofie, id));

        var changed = await Expect.JsonAsync(await sofie.Client.PutAsJsonAsync($"{Mine}/{id}", new { topics = new[] { " Gladsaxe ", "soeborg" } }));
        Assert.False(changed.GetProperty("allTopics").GetBoolean());
        Assert.Equal(["gladsaxe", "soeborg"], await TopicsAsync(sofie, id));
        await Expect.JsonAsync(await sofie.Client.PatchAsJsonAsync($"{Mine}/{id}", new { }));
        Assert.Equal(["gladsaxe", "soeborg"], await TopicsAsync(sofie, id));
        var all = await Expect.JsonAsync(await sofie.Client.PatchAsJsonAsync($"{Mine}/{id}", new { topics = Array.Empty<string>() }));
        Assert.True(all.GetProperty("allTopics").GetBoolean());
        Assert.Empty(await TopicsAsync(sofie, id));
        Assert.True((await RowAsync(org, sofie.Email)).AllTopics);
    }

    [Fact]
    public async Task Ending_a_subscription_through_the_api_leaves_it_gone()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var sofie = await SignUpConfirmedAsync("Sofie");
        var id = await SubscribedIdAsync(sofie, org);

        Assert.Equal(HttpStatusCode.NoContent, (await sofie.Client.DeleteAsync($"{Mine}/{id}")).StatusCode);
        Assert.Empty((await Expect.JsonAsync(await sofie.Client.GetAsync(Mine))).EnumerateArray());
        Assert.Null(await app.InOrgAsync(org, db => db.NoticeSubscriptions.FirstOrDefaultAsync(s => s.Id == id)));
        await Expect.ProblemAsync(await sofie.Client.DeleteAsync($"{Mine}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nobody_else_sees_changes_or_ends_them_and_strangers_are_asked_to_sign_in()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var sofie = await SignUpConfirmedAsync("Sofie");
        var mads = await app.SignUpAsync("Mads");
        var id = await SubscribedIdAsync(sofie, org, "soeborg");

        Assert.Empty((await Expect.JsonAsync(await mads.Client.GetAsync(Mine))).EnumerateArray());
        await Expect.ProblemAsync(await mads.Client.PutAsJsonAsync($"{Mine}/{id}", new { topics = new[] { "gladsaxe" } }), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await mads.Client.PatchAsJsonAsync($"{Mine}/{id}", new { topics = new[] { "nope" } }), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await mads.Client.DeleteAsync($"{Mine}/{id}"), HttpStatusCode.NotFound);

        var stranger = app.CreateClient();
        await Expect.ProblemAsync(await stranger.GetAsync(Mine), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await stranger.PutAsJsonAsync($"{Mine}/{id}", new { topics = Array.Empty<string>() }), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await stranger.DeleteAsync($"{Mine}/{id}"), HttpStatusCode.Unauthorized);

        var browser = app.Browse();
        await browser.SignInAsync(mads.Email);
        await browser.GetAsync("/me");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostFormAsync("/me?handler=noticeTopics", ("SubscriptionId", $"{id}"), ("TopicSlugs", "gladsaxe"))).StatusCode);
        Assert.Contains("class=\"alert\"", browser.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostFormAsync("/me?handler=noticeRemove", ("SubscriptionId", $"{id}"))).StatusCode);
        Assert.DoesNotContain(sofie.Email, browser.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browse().GetAsync("/me")).StatusCode);

        Assert.Equal(["soeborg"], await TopicsAsync(sofie, id));
    }

    [Fact]
    public async Task Knowing_an_address_does_not_bring_someone_elses_subscription_into_ones_profile()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var kunde = $"kunde.{org}@example.dk";
        await app.AddConfirmedAsync(org, Channel.Email, [kunde]);
        var mads = await SignUpConfirmedAsync("Mads");
        await Subscribe(mads.Client, org, "email", kunde);
        Assert.Null((await RowAsync(org, kunde)).UserId);
        Assert.Empty((await Expect.JsonAsync(await mads.Client.GetAsync(Mine))).EnumerateArray());

        // Someone asked for Sofie's address while it waits for her: whoever confirms it owns nothing of Mads's.
        var sofie = await SignUpConfirmedAsync("Sofie");
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await Subscribe(mads.Client, org, "email", sofie.Email)).StatusCode);
        Assert.Equal(mads.Id, (await RowAsync(org, sofie.Email)).UserId);
        await Subscribe(anonymous, org, "email", sofie.Email);
        Assert.Null((await RowAsync(org, sofie.Email)).UserId);
        Assert.Empty((await Expect.JsonAsync(await mads.Client.GetAsync(Mine))).EnumerateArray());

        // Her confirmed account proves the address: it becomes hers, confirmed.
        Assert.Equal(HttpStatusCode.Created, (await Subscribe(sofie.Client, org, "email", sofie.Email)).StatusCode);
        Assert.Equal(sofie.Id, (await RowAsync(org, sofie.Email)).UserId);
    }

    [Fact]
    public async Task On_the_pages_a_signed_in_person_subscribes_changes_topics_and_stops_with_plain_forms()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var sofie = await SignUpConfirmedAsync("Sofie");
        var browser = app.Browse();
        await browser.SignInAsync(sofie.Email);
        await browser.GetAsync($"/{org}/status");
        Assert.Contains($"value=\"{sofie.Email}\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/me#notices\"", browser.Html, StringComparison.Ordinal);
        var subscribed = await browser.PostFormAsync($"/{org}/status?handler=subscribe", ("Channel", "email"), ("Address", sofie.Email), ("TopicSlugs", "soeborg"));
        Assert.Equal($"/{org}/status?subscribed=done#subscribe", subscribed.Headers.Location!.OriginalString);
        await browser.GetAsync(subscribed.Headers.Location.OriginalString);
        Assert.Contains("Done: you will get notices from Søborg Energi.", browser.Html, StringComparison.Ordinal);

        var id = (await RowAsync(org, sofie.Email)).Id;
        await browser.GetAsync("/me");
        Assert.Contains($"id=\"subscription-{id}\"", browser.Html, StringComparison.Ordinal);
        Assert.Contains("<legend>Only about", browser.Html, StringComparison.Ordinal);
        var bad = await browser.PostFormAsync("/me?handler=noticeTopics", ("SubscriptionId", $"{id}"), ("TopicSlugs", "gladsaxe"), ("TopicSlugs", "nowhere"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains($"id=\"subscription-{id}-error\"", browser.Html, StringComparison.Ordinal);
        Assert.Equal(["soeborg"], await TopicsAsync(sofie, id));

        var saved = await browser.PostFormAsync("/me?handler=noticeTopics", ("SubscriptionId", $"{id}"), ("TopicSlugs", "gladsaxe"));
        Assert.Equal($"/me?notices=saved#subscription-{id}", saved.Headers.Location!.OriginalString);
        await browser.GetAsync(saved.Headers.Location.OriginalString);
        Assert.Contains("Topics: Gladsaxe", browser.Html, StringComparison.Ordinal);
        Assert.Equal(["gladsaxe"], await TopicsAsync(sofie, id));

        var removed = await browser.PostFormAsync("/me?handler=noticeRemove", ("SubscriptionId", $"{id}"));
        Assert.Equal("/me?notices=removed#notices", removed.Headers.Location!.OriginalString);
        await browser.GetAsync(removed.Headers.Location.OriginalString);
        Assert.Contains("Done: those notices have stopped.", browser.Html, StringComparison.Ordinal);
        Assert.Contains("You get no notices yet.", browser.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_ones_own_subscriptions_leaves_the_cached_pages_cached()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var sofie = await SignUpConfirmedAsync("Sofie");
        var id = await SubscribedIdAsync(sofie, org);
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}");

        await Expect.JsonAsync(await sofie.Client.PutAsJsonAsync($"{Mine}/{id}", new { topics = new[] { "soeborg" } }));
        Assert.Equal(HttpStatusCode.NoContent, (await sofie.Client.DeleteAsync($"{Mine}/{id}")).StatusCode);

        var again = await visitor.GetAsync($"/{org}");
        Assert.True(again.Headers.Age is not null, "No cached page shows a person's own subscriptions; changing them should empty none.");
    }

    /// <summary>A person whose account email is confirmed, as an operator's `whuffie user` or the demo makes them.</summary>
    private async Task<Person> SignUpConfirmedAsync(string name)
    {
        var person = await app.SignUpAsync(name);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByIdAsync(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        user!.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return person;
    }

    private static Task<HttpResponseMessage> Subscribe(HttpClient client, string org, string channel, string address, params string[] topics) =>
        client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel, address, topics });

    private async Task<long> SubscribedIdAsync(Person person, string org, params string[] topics)
    {
        (await Subscribe(person.Client, org, "email", person.Email, topics)).EnsureSuccessStatusCode();
        return (await RowAsync(org, person.Email)).Id;
    }

    private Task<NoticeSubscription> RowAsync(string org, string address) =>
        app.InOrgAsync(org, db => db.NoticeSubscriptions.AsNoTracking().SingleAsync(s => s.Address == address.ToLowerInvariant()));

    private static async Task<List<string>> TopicsAsync(Person person, long id)
    {
        var listed = await Expect.JsonAsync(await person.Client.GetAsync(Mine));
        return listed.EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == id)
            .GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
    }

    private static async Task TopicAsync(Person staff, string org, string name) =>
        (await staff.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notice-topics", new { name })).EnsureSuccessStatusCode();

    private static string Base64Url(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(new byte[bytes]);
}
