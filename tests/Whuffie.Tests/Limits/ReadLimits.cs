using static Whuffie.Tests.Limits.LimitTesting;

namespace Whuffie.Tests.Limits;

/// <summary>Searching and the similar-ideas look-up are bounded per address; reading the list and the ideas never is.</summary>
public sealed class ReadLimits(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Searches_past_the_limit_are_refused_on_the_API_and_the_page_while_the_list_and_ideas_stay_free()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await using var limited = app.WithLimit("Search", 2);
        var api = limited.Client();
        foreach (var q in new[] { "sunday", "open" })
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{org}/ideas?q={q}")).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Get, $"/api/v1/orgs/{org}/ideas?q=library", language: "da"), Danish);
        var browser = limited.Browse();
        RefusedPage(await browser.GetAsync($"/{org}/search?q=library"), browser, EnglishPage, English);
        // The idea list searches too when given q.
        RefusedPage(await browser.GetAsync($"/{org}?q=library"), browser, EnglishPage, English);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{org}/ideas")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{org}/ideas/{number}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/ideas/{number}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/search")).StatusCode);
        }
    }

    [Fact]
    public async Task The_similar_ideas_look_up_is_bounded_for_the_API_and_the_forms_script_alike()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        await using var limited = app.WithLimit("Similar", 2);
        var api = limited.Client();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{org}/ideas/similar?title=sunday")).StatusCode);
        var browser = limited.Browse();
        await browser.SignInAsync(sofie.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/ideas/new?handler=similar&title=sunday")).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Get, $"/api/v1/orgs/{org}/ideas/similar?title=sunday", language: "da"), Danish);
        RefusedPage(await browser.GetAsync($"/{org}/ideas/new?handler=similar&title=sunday"), browser, EnglishPage, English);
        // The form itself is not the look-up.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/{org}/ideas/new")).StatusCode);
    }

    [Fact]
    public async Task An_IPv6_64_is_one_client_an_IPv4_address_is_itself_and_a_mapped_one_counts_as_IPv4()
    {
        var org = await app.CreateOrgAsync();
        await using var limited = app.WithLimit("Search", 1);
        async Task<HttpStatusCode> SearchFrom(string address) =>
            (await limited.Client(address: address).GetAsync($"/api/v1/orgs/{org}/ideas?q=sunday")).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await SearchFrom("2001:db8:1:2::1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchFrom("2001:db8:1:2:ffff:1234:5678:9abc"));
        Assert.Equal(HttpStatusCode.OK, await SearchFrom("2001:db8:1:3::1"));
        Assert.Equal(HttpStatusCode.OK, await SearchFrom("198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchFrom("::ffff:198.51.100.7"));
        Assert.Equal(HttpStatusCode.OK, await SearchFrom("198.51.100.8"));
    }

    [Fact]
    public async Task When_the_window_has_passed_the_next_request_goes_through()
    {
        var org = await app.CreateOrgAsync();
        await using var limited = app.WithLimit("Search", 1, window: "00:00:01");
        var api = limited.Client();
        var url = $"/api/v1/orgs/{org}/ideas?q=sunday";
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).StatusCode);
        var refused = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);

        // The framework's limiter replenishes on its own timer, on the wall clock: at most about a second here.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            status = (await api.GetAsync(url)).StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && waited.Elapsed < TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
