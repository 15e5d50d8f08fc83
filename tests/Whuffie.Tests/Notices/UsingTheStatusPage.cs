using Microsoft.EntityFrameworkCore;
using Whuffie.Deliveries;
using Whuffie.Organizations;

namespace Whuffie.Tests.Notices;

/// <summary>The status page's forms without JavaScript: subscribing, publishing, updating, and the staff's delivery view.</summary>
public sealed class UsingTheStatusPage(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_visitor_subscribes_with_a_form_and_a_wrong_address_is_marked_beside_its_field()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/status");
        var bad = await visitor.PostFormAsync($"/{org}/status?handler=subscribe", ("Channel", "email"), ("Address", "not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"address-error\"", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", visitor.Html, StringComparison.Ordinal);

        await visitor.GetAsync($"/{org}/status");
        var sms = await visitor.PostFormAsync($"/{org}/status?handler=subscribe", ("Channel", "sms"), ("Address", "+4512345678"), ("TopicSlugs", "gladsaxe"));
        Assert.Equal(HttpStatusCode.Redirect, sms.StatusCode);
        Assert.Equal($"/{org}/status/confirm?phone=%2B4512345678", sms.Headers.Location!.OriginalString);
        await visitor.GetAsync(sms.Headers.Location.OriginalString);
        var wrong = await visitor.PostFormAsync($"/{org}/status/confirm", ("Phone", "+4512345678"), ("Code", "abc"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("id=\"code-error\"", visitor.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_network_address_may_subscribe_only_so_often_and_is_told_when_to_come_back()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Notices:SubscribeLimit", "2"));
        var api = limited.CreateClient();
        foreach (var n in new[] { 1, 2 })
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "email", address = $"nabo{n}.{org}@example.dk" })).StatusCode);

        var third = await api.PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "email", address = $"nabo3.{org}@example.dk" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back.");
        var form = new Browser(limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await form.GetAsync($"/{org}/status");
        var refused = await form.PostFormAsync($"/{org}/status?handler=subscribe", ("Channel", "email"), ("Address", $"nabo4.{org}@example.dk"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many subscriptions have come from your network address", form.Html, StringComparison.Ordinal);
        Assert.Equal(2, await app.InOrgAsync(org, db => db.NoticeSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task One_address_gets_only_so_many_confirmations_a_day_whoever_asks_and_a_refusal_changes_nothing()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var victim = $"nabo.{org}@example.dk";
        // Each from a fresh client: the network address's limit (SubscribeLimit) is not what stops these.
        foreach (var topic in new[] { "soeborg", "gladsaxe", "soeborg" })
            Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions",
                new { channel = "email", address = victim, topics = new[] { topic } })).StatusCode);

        var fourth = await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "email", address = victim, topics = new[] { "gladsaxe" } });
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        Assert.InRange(fourth.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        var form = new Browser(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await form.GetAsync($"/{org}/status");
        var refused = await form.PostFormAsync($"/{org}/status?handler=subscribe", ("Channel", "email"), ("Address", victim));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("This address has had 3 confirmation messages in the last 24 hours", form.Html, StringComparison.Ordinal);

        Assert.Equal(3, (await app.DeliveriesAsync(org, Channel.Email)).Count(d => d.Kind == DeliveryKind.Confirm));
        // The refused requests left the subscription as the third one made it.
        var sub = await app.InOrgAsync(org, db => db.NoticeSubscriptions.Include(s => s.Topics).SingleAsync());
        Assert.Equal(3, sub.ConfirmationsSent);
        Assert.Equal([await app.InOrgAsync(org, db => db.NoticeTopics.Where(t => t.Slug == "soeborg").Select(t => t.Id).SingleAsync())], sub.Topics.Select(t => t.TopicId));

        // A day later the count starts again.
        await app.InOrgAsync(org, db => db.NoticeSubscriptions.ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationsSince, x => x.ConfirmationsSince!.Value.AddDays(-1))));
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions", new { channel = "email", address = victim })).StatusCode);
        Assert.Equal(1, await app.InOrgAsync(org, db => db.NoticeSubscriptions.Select(s => s.ConfirmationsSent).SingleAsync()));
    }

    [Fact]
    public async Task Staff_publish_from_the_status_page_and_see_the_deliveries_on_the_notice()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var lars = await app.SignUpAsync("Lars");
        await app.GrantAsync(lars, org, OrgRole.Staff);
        await app.AddConfirmedAsync(org, Channel.Email, [$"kunde.{org}@example.dk"]);
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/status");
        Assert.Contains("handler=publish", browser.Html, StringComparison.Ordinal);
        var empty = await browser.PostFormAsync($"/{org}/status?handler=publish", ("Title", ""), ("Body", "Noget"), ("Severity", "warning"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("id=\"title-error\"", browser.Html, StringComparison.Ordinal);

        await browser.GetAsync($"/{org}/status");
        var published = await browser.PostFormAsync($"/{org}/status?handler=publish", ("Title", "Lukket filial"), ("Body", "Søborg er lukket i dag."), ("Severity", "warning"), ("TopicSlugs", "soeborg"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = published.Headers.Location!.OriginalString;
        await browser.GetAsync(page);
        Assert.Contains("Lukket filial", browser.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"deliveries-heading\"", browser.Html, StringComparison.Ordinal);

        var updated = await browser.PostFormAsync(page + "?handler=update", ("Body", "Åben igen."), ("Resolve", "true"));
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        var visitor = app.Browse();
        await visitor.GetAsync(page);
        Assert.Contains("Åben igen.", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"deliveries-heading\"", visitor.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_mail_server_the_confirmation_email_waits_in_the_dev_mailbox_without_its_link_and_the_link_confirms()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/status");
        var address = $"nabo.{org}@example.dk";
        var subscribed = await visitor.PostFormAsync($"/{org}/status?handler=subscribe", ("Channel", "email"), ("Address", address));
        Assert.Equal(HttpStatusCode.Redirect, subscribed.StatusCode);
        await app.RunChannelAsync(Channel.Email);

        // Staff see that it was written, not the link: opening it would confirm an address that is not theirs.
        var staff = app.Browse();
        await staff.SignInAsync(lars.Email);
        await staff.GetAsync($"/{org}/admin/mailbox");
        Assert.Contains("id=\"notice-emails\"", staff.Html, StringComparison.Ordinal);
        Assert.Contains($"A confirmation email to {address}. Its link is hidden", System.Net.WebUtility.HtmlDecode(staff.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("/status/confirm?token=", staff.Html, StringComparison.Ordinal);

        var token = (await app.InOrgAsync(org, db => db.NoticeSubscriptions.AsNoTracking().SingleAsync(s => s.Address == address))).Token;
        await visitor.GetAsync($"/{org}/status/confirm?token={Uri.EscapeDataString(token)}");
        var confirmed = await visitor.PostFormAsync($"/{org}/status/confirm", ("Token", token));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var subscription = await app.InOrgAsync(org, db => db.NoticeSubscriptions.AsNoTracking().SingleAsync(s => s.Address == address));
        Assert.NotNull(subscription.ConfirmedAt);
    }
}
